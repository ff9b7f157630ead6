using System.Diagnostics;
using System.Net;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Sends a request to the API over HTTP: the user's bearer token, an <c>Idempotency-Key</c> on every POST, a JSON body
/// where the step has one, and the whole answer read before it counts as done. A connection that fails or an answer
/// that does not come within the client's timeout is an answer with status 0.
/// </summary>
internal sealed class HttpRequestSender(HttpClient client) : IRequestSender
{
    /// <summary>
    /// A client for the open model: one pool of keep-alive HTTP/1.1 connections to <paramref name="target"/>, as many
    /// as requests may be in flight. The caller disposes it.
    /// </summary>
    public static HttpClient PooledClient(Uri target, int maxConnections, TimeSpan requestTimeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    })
    {
        BaseAddress = target,
        Timeout = requestTimeout,
    };

    public async Task<SentRequest> SendAsync(LoadRequest request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        message.Headers.TryAddWithoutValidation("Authorization", request.User.Authorization);
        if (request.Method == HttpMethod.Post)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        var sent = Stopwatch.GetTimestamp();
        var status = 0;
        byte[] body = [];
        string? failure = null;
        try
        {
            using var response = await client.SendAsync(message, ct);
            body = await response.Content.ReadAsByteArrayAsync(ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            failure = $"no answer within the request timeout ({e.InnerException?.Message ?? e.Message})";
        }
        return new SentRequest(sent, status, body, failure);
    }
}
