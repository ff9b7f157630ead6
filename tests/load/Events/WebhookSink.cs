using System.Collections.Concurrent;
using System.Text.Json;
using BudgetBuddy.TestSupport;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace BudgetBuddy.Load.Events;

/// <summary>
/// The benchmark's webhook receiver on loopback: verifies each delivery's signature, and records for each event, the
/// first time it arrives, the time from its commit (the event's <c>time</c>) to now. A second arrival of an id is
/// counted, not recorded; a delivery whose signature does not verify is refused (400) and counted.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, bool> seen = new(StringComparer.Ordinal);
    private readonly LongConcurrentHistogram lag = new(1, TimeSpan.FromHours(1).Ticks / 10, 3);
    private StandardWebhook? verifier;
    private int duplicates;
    private int forged;

    private WebhookSink(WebApplication app) => this.app = app;

    public string Url => app.BaseUrl() + "/hook";

    public int Received => seen.Count;

    public int Duplicates => duplicates;

    public int Forged => forged;

    /// <summary>Commit-to-arrival lag of each event's first arrival, in microseconds.</summary>
    public HistogramBase Lag => lag;

    public static async Task<WebhookSink> StartAsync()
    {
        var app = LoopbackServer.Create();
        var sink = new WebhookSink(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var arrived = DateTimeOffset.UtcNow;
            try
            {
                (sink.verifier ?? throw new InvalidOperationException("no secret yet")).Verify(body, request.Headers);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref sink.forged);
                return Results.BadRequest();
            }
            using var e = JsonDocument.Parse(body);
            if (sink.seen.TryAdd(e.RootElement.GetProperty("id").GetString()!, true))
            {
                var committed = e.RootElement.GetProperty("time").GetDateTimeOffset();
                sink.lag.RecordValue(Math.Max(1, (long)(arrived - committed).TotalMicroseconds));
            }
            else
            {
                Interlocked.Increment(ref sink.duplicates);
            }
            return Results.NoContent();
        });
        await app.StartAsync();
        return sink;
    }

    /// <summary>The secret the endpoint was registered with; deliveries before it is known are refused and retried.</summary>
    public void Trust(string secret) => verifier = new StandardWebhook(secret);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
