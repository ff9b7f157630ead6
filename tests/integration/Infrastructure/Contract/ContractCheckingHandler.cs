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
        // Read once here, then handed on as read: a streamed answer stays one without a Content-Length.
        var hadLength = response.Content.Headers.NonValidated.Contains("Content-Length");
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        response.Content = new ReadContent(bytes, hadLength, response.Content.Headers);

        var exchange = new Exchange(
            request.Method.Method,
            request.RequestUri!,
            Headers(request.Headers, request.Content?.Headers),
            request.Content?.Headers.ContentType?.ToString(),
            requestBody,
            (int)response.StatusCode,
            Headers(response.Headers, response.Content.Headers),
            response.Content.Headers.ContentType?.ToString(),
            await BodyTextAsync(bytes, response.Content.Headers.ContentEncoding.LastOrDefault(), cancellationToken));
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
    private static async Task<string> BodyTextAsync(byte[] bytes, string? encoding, CancellationToken ct)
    {
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

    /// <summary>An answer's body, already read, with the original's headers.</summary>
    private sealed class ReadContent : HttpContent
    {
        private readonly byte[] bytes;
        private readonly bool hasLength;

        public ReadContent(byte[] bytes, bool hasLength, System.Net.Http.Headers.HttpContentHeaders original)
        {
            this.bytes = bytes;
            this.hasLength = hasLength;
            foreach (var (name, values) in original.NonValidated)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Headers.TryAddWithoutValidation(name, values);
                }
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return hasLength;
        }
    }
}
