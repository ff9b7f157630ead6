using System.Net.Sockets;
using System.Text;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>An HTTP/1.1 answer read off the wire: status, headers (names lower-cased) and the de-chunked body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>
/// Sends request bytes exactly as given, for what HttpClient refuses to send: bytes that are not UTF-8 in a header,
/// an escaped NUL in the path. One request per connection (<c>Connection: close</c>), read to the end.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, string method, string target, IEnumerable<(string Name, byte[] Value)> headers, string? token = null)
    {
        var request = new List<byte>();
        void Line(string text) => request.AddRange(Encoding.ASCII.GetBytes(text + "\r\n"));
        Line($"{method} {target} HTTP/1.1");
        Line($"Host: {server.Authority}");
        Line("Connection: close");
        if (token is not null)
        {
            Line($"Authorization: Bearer {token}");
        }
        foreach (var (name, value) in headers)
        {
            request.AddRange(Encoding.ASCII.GetBytes(name + ": "));
            request.AddRange(value);
            Line("");
        }
        if (method is "POST" or "PATCH" or "PUT")
        {
            Line("Content-Type: application/json");
            Line("Content-Length: 2");
            Line("");
            request.AddRange("{}"u8.ToArray());
        }
        else
        {
            Line("");
        }

        return Parse(await ExchangeAsync(server, request.ToArray()));
    }

    /// <summary>Writes <paramref name="request"/> (one or several requests) and reads until the server closes.</summary>
    public static async Task<byte[]> ExchangeAsync(Uri server, byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(30));
        return received.ToArray();
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var headers = head.Skip(1)
            .Select(line => line.Split(':', 2))
            .GroupBy(pair => pair[0].Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(pair => pair[1].Trim())), StringComparer.Ordinal);
        var body = bytes.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        return new RawResponse(int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, lineEnd - at).Split(';')[0], 16);
            if (size == 0)
            {
                return body.ToArray();
            }
            body.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
