using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// The one HttpClient of a run: pooled keep-alive connections, enough of them for every worker, and every answer's
/// status checked. A non-2xx answer or a request that got no answer is recorded in <see cref="Errors"/> and never
/// counted as a success.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;

    /// <param name="timeout">How long one request may take (60 s unless given).</param>
    public ApiClient(Uri target, int maxConnections, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            // Connections are re-made now and then, as behind a load balancer; never during a short phase.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = maxConnections,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        http = new HttpClient(handler) { BaseAddress = target, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public Uri Target => http.BaseAddress!;

    public ErrorLog Errors { get; } = new();

    /// <param name="route">The route template, for counting errors (<c>PUT /v1/budgets/{month}/categories/{id}</c>).</param>
    /// <param name="json">The body; JSON unless <paramref name="contentType"/> says otherwise (a CSV statement).</param>
    /// <returns>The body of a 2xx answer; null once the failure is recorded.</returns>
    public async Task<byte[]?> SendAsync(
        string route, HttpMethod method, string path, string? token, byte[]? json, string? idempotencyKey, CancellationToken ct,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            Errors.Record(route, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(body));
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Errors.Record(route, e.GetType().Name, e.Message);
            return null;
        }
    }

    /// <summary>A setup call: its JSON answer, or the benchmark stops, naming what failed.</summary>
    public async Task<JsonElement> RequireAsync(
        string route, HttpMethod method, string path, string token, string? json, CancellationToken ct)
    {
        var body = await SendAsync(route, method, path, token, json is null ? null : Encoding.UTF8.GetBytes(json),
            method == HttpMethod.Post ? Guid.NewGuid().ToString() : null, ct)
            ?? throw new BenchmarkFailedException($"setup call {method} {path} failed (see the error above)");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>A GET without authentication (health, metrics): its status and text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Waits up to 60 s for readiness (the API is live before the run's tenant registry exists).</summary>
    public async Task WaitForReadyAsync(CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await GetTextAsync("/actuator/health/readiness", ct)).Status != HttpStatusCode.OK)
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new BenchmarkFailedException("the API did not become ready within 60 s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    public void Dispose() => http.Dispose();
}
