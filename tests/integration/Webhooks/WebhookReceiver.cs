using System.Collections.Concurrent;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>
/// A webhook receiver on loopback: <c>/ok</c> keeps what it gets and answers 204 (503 while <see cref="Down"/>, keeping
/// nothing), <c>/slow</c> answers only after
/// 30 s, <c>/redirect</c> sends a 302 to <c>/ok</c>, <c>/flood</c> answers 200 with a body far above the read cap.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>Every request to <c>/ok</c>: its headers and body as received.</summary>
    public ConcurrentQueue<(IHeaderDictionary Headers, string Body)> Received { get; } = new();

    /// <summary>While set, <c>/ok</c> answers 503 Service Unavailable: a receiver in an outage.</summary>
    public bool Down { get; set; }

    /// <summary>Requests <c>/ok</c> answered 503 while <see cref="Down"/>.</summary>
    public int Refused => refused;

    private int refused;

    /// <summary>Requests to any path, <c>/ok</c> included.</summary>
    public int Hits => hits;

    private int hits;

    public string BaseUrl => app.BaseUrl();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var app = LoopbackServer.Create();
        var receiver = new WebhookReceiver(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref receiver.hits);
            await next(context);
        });
        app.MapPost("/ok", async (HttpRequest request) =>
        {
            if (receiver.Down)
            {
                Interlocked.Increment(ref receiver.refused);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            using var reader = new StreamReader(request.Body);
            var copy = new HeaderDictionary();
            foreach (var (name, value) in request.Headers)
            {
                copy[name] = value;
            }
            receiver.Received.Enqueue((copy, await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        app.MapPost("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.NoContent();
        });
        app.MapPost("/redirect", () => Results.Redirect("/ok"));
        app.MapPost("/flood", async (HttpResponse response, CancellationToken ct) =>
        {
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 1024 && !ct.IsCancellationRequested; i++)
            {
                await response.Body.WriteAsync(chunk, ct);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
