using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace BudgetBuddy.Api.Security;

/// <summary>
/// The HTTP/1.1 answer to a request Kestrel refused before the API saw it: an RFC 9457 problem with the security
/// headers every answer carries, on a connection that then closes. Written out by hand because no part of the
/// pipeline that would write it runs for such a request.
/// </summary>
internal static class RejectedRequestResponse
{
    public static byte[] For(int status)
    {
        var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            json.WriteNumber("status", status);
            json.WriteString("detail",
                "The server could not read the request line or headers (for example, an escaped NUL in the path or a malformed header); nothing was processed.");
            json.WriteEndObject();
        }
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n")
            .Append("Content-Type: application/problem+json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:r}\r\n");
        foreach (var (name, value) in SecurityHeadersMiddleware.ForProblems)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body.ToArray()];
    }
}
