using System.Globalization;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Counts the machine's established TCP connections to a port from <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>:
/// proof that the connections scenario really holds its connections open, rather than an assumption about the
/// client's pool. Null where /proc cannot be read.
/// </summary>
internal static class TcpConnections
{
    private const string Established = "01";
    private static readonly string[] Tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public static int? EstablishedTo(int port)
    {
        try
        {
            var count = 0;
            foreach (var file in Tables.Where(File.Exists))
            {
                // sl local_address rem_address st ...; addresses are HEX_IP:HEX_PORT.
                foreach (var line in File.ReadLines(file).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 3 && fields[3] == Established && PortOf(fields[2]) == port)
                    {
                        count++;
                    }
                }
            }
            return count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int PortOf(string address) =>
        int.TryParse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port) ? port : -1;
}
