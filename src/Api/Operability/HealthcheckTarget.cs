using System.Globalization;

namespace BudgetBuddy.Api.Operability;

/// <summary>
/// Where <c>budgetbuddy-api healthcheck</c> finds the API's liveness endpoint: the address Kestrel listens on, read
/// from the same environment Kestrel reads it from, since a container's HEALTHCHECK cannot see the command line.
/// </summary>
internal static class HealthcheckTarget
{
    public const string LivenessPath = "/actuator/health/liveness";

    /// <summary>
    /// The container image's port (the aspnet base images set <c>ASPNETCORE_HTTP_PORTS=8080</c>); used when neither
    /// variable is set, which outside a container means the API is not where this looks anyway.
    /// </summary>
    public const int DefaultPort = 8080;

    /// <summary>
    /// <c>ASPNETCORE_URLS</c> (its first http:// address; Kestrel lets it override the ports variable), else the first
    /// of <c>ASPNETCORE_HTTP_PORTS</c>, else <see cref="DefaultPort"/>. A wildcard or localhost host becomes 127.0.0.1.
    /// </summary>
    /// <exception cref="FormatException">The variables name no address this check can reach over plain HTTP.</exception>
    public static Uri Resolve(Func<string, string?> environment)
    {
        if (environment("ASPNETCORE_URLS") is { } urls && !string.IsNullOrWhiteSpace(urls))
        {
            var http = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"ASPNETCORE_URLS '{urls}' has no http:// address; pass --url.");
            return FromBindingAddress(http);
        }
        if (environment("ASPNETCORE_HTTP_PORTS") is { } ports && !string.IsNullOrWhiteSpace(ports))
        {
            var first = ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            return Loopback(ParsePort(first, $"ASPNETCORE_HTTP_PORTS '{ports}'"));
        }
        return Loopback(DefaultPort);
    }

    // Kestrel's binding addresses allow hosts Uri rejects ("+", "*"), so the authority is taken apart by hand.
    private static Uri FromBindingAddress(string address)
    {
        var authority = address["http://".Length..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }
        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"ASPNETCORE_URLS address '{address}' has an unclosed IPv6 host.");
            }
            host = authority[..(close + 1)];
            port = authority[(close + 1)..] is [':', .. var rest] ? rest : null;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            port = colon >= 0 ? authority[(colon + 1)..] : null;
        }
        var number = port is null ? 80 : ParsePort(port, $"ASPNETCORE_URLS address '{address}'");
        return IsAnyOrLocal(host)
            ? Loopback(number)
            : new Uri($"http://{host}:{number.ToString(CultureInfo.InvariantCulture)}{LivenessPath}");
    }

    private static bool IsAnyOrLocal(string host) =>
        host is "" or "+" or "*" or "0.0.0.0" or "[::]" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    private static int ParsePort(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"{source} has no valid port.");

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{LivenessPath}");
}
