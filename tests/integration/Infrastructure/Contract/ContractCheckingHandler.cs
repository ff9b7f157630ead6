using System.IO.Compression;
using System.Text;

namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>
/// Sits on the integration tests' HTTP client and judges every exchange against the document the API serves: a
/// broken contract fails the test that made the exchange, with what is wrong, and is also kept in
/// <paramref name="ledger"/> so a test that catches exceptions cannot hide it.
/// </summary>
public sealed class ContractCheckingHandler(Func<Task<ServedContract>> contract, ContractLedger ledger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? requestBody = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            requestBody = await request.Content.ReadAsStringAsync(cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);

        var exchange = new Exchange(
            request.Method.Method,
            request.RequestUri!,
            Headers(request.Headers, request.Content?.Headers),
            request.Content?.Headers.ContentType?.ToString(),
            requestBody,
            (int)response.StatusCode,
            Headers(response.Headers, response.Content.Headers),
            response.Content.Headers.ContentType?.ToString(),
            await BodyTextAsync(response.Content, cancellationToken));
        var (verdict, operation, violations) = ContractJudge.Judge(await contract(), exchange);
        ledger.Record(verdict, operation, violations);
        if (violations.Count > 0)
        {
            throw new ContractViolationException(string.Join(Environment.NewLine, violations));
        }
        return response;
    }

    private static Dictionary<string, string> Headers(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpHeaders? content)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers.Concat(content ?? (IEnumerable<KeyValuePair<string, IEnumerable<string>>>)[]))
        {
            all[name] = string.Join(", ", values);
        }
        return all;
    }

    // A test that asks for compression gets a compressed body; the document describes the decoded one.
    private static async Task<string> BodyTextAsync(HttpContent content, CancellationToken ct)
    {
        var bytes = await content.ReadAsByteArrayAsync(ct);
        var encoding = content.Headers.ContentEncoding.LastOrDefault();
        if (encoding is null || bytes.Length == 0)
        {
            return Encoding.UTF8.GetString(bytes);
        }
        using var input = new MemoryStream(bytes);
        await using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new ContractViolationException($"unexpected Content-Encoding {encoding}"),
        };
        using var reader = new StreamReader(decoder, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}
