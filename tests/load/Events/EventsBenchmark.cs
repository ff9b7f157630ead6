using System.Diagnostics;
using System.Globalization;
using System.Text;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Money;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Events;

/// <summary>
/// A webhook endpoint for <c>transaction.created</c> pointing at <see cref="WebhookSink"/>, then transactions posted
/// at an even rate across users; each event's lag is the time from its commit to its first arrival at the receiver.
/// The run fails unless every acknowledged transaction's event arrived, once, with a signature that verifies.
/// </summary>
internal static class EventsBenchmark
{
    public sealed record Load(int Rate, TimeSpan Duration, int Users);

    /// <summary>How long events may still arrive after the last write.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    /// <returns>0 when every event arrived once and verified; 1 otherwise (the figures are still printed).</returns>
    public static async Task<int> RunAsync(
        Uri target, string dynamoDbUrl, string tablePrefix, Load load, IReadOnlyDictionary<string, int> watched, CancellationToken ct)
    {
        var secretsDir = Directory.CreateTempSubdirectory("budgetbuddy-bench-secrets-").FullName;
        try
        {
            using var client = new ApiClient(target, 64);
            await using var sink = await WebhookSink.StartAsync();
            var tenant = await BenchTenant.ProvisionAsync(dynamoDbUrl, tablePrefix, secretsDir, ct);
            Console.WriteLine($"tenant {tenant.Id} provisioned at {dynamoDbUrl} (table prefix '{tablePrefix}')");
            await client.WaitForReadyAsync(ct);
            var admin = await tenant.TokenAsync("back-office", [Scopes.Admin], TimeSpan.FromHours(1), ct);
            // No Idempotency-Key: a registration's answer holds the secret, so it is never stored for replay.
            var registered = await client.SendAsync("POST /v1/webhooks", HttpMethod.Post, "/v1/webhooks", admin,
                Encoding.UTF8.GetBytes($$"""{"url":"{{sink.Url}}","types":["transaction.created"]}"""), null, ct)
                ?? throw new BenchmarkFailedException("registering the webhook failed (is Webhooks__AllowLoopback=true set for the API?)");
            using (var created = System.Text.Json.JsonDocument.Parse(registered))
            {
                sink.Trust(created.RootElement.GetProperty("secret").GetString()!);
            }
            var users = await Task.WhenAll(Enumerable.Range(0, load.Users).Select(i => BenchUser.CreateAsync(client, tenant, $"payer-{i:D3}", 0, ct)));
            Console.WriteLine($"{load.Users} users; writing {load.Rate} transactions/s for {load.Duration.TotalSeconds:F0} s");

            var callsBefore = await ServerMetrics.ReadAsync(client, ct);
            var cpu = CpuSampler.Start(watched);
            var written = await WriteAsync(client, users, load, ct);
            var deadline = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
            while (sink.Received < written && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(100, ct);
            }
            // Quiet a little longer, so a second copy of anything would be counted.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            var usage = cpu.Stop();
            var (_, metrics) = await client.GetTextAsync("/metrics", ct);
            var calls = ServerMetrics.Parse(metrics).Since(callsBefore, Math.Max(1, written));

            var lag = LatencySummary.Of(sink.Lag);
            var shares = string.Join(", ", usage.ProcessGroupPercent.Select(g => $"{g.Key} {g.Value:F0}"));
            Console.WriteLine();
            Console.WriteLine("| writes/s | acknowledged | delivered | duplicates | forged | lag P50 ms | P90 | P99 | max | CPU busy % (groups) |");
            Console.WriteLine("|---------:|-------------:|----------:|-----------:|-------:|-----------:|----:|----:|----:|:--------------------|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {load.Rate} | {written} | {sink.Received} | {sink.Duplicates} | {sink.Forged} | {lag.P50Ms:F0} | {lag.P90Ms:F0} | {lag.P99Ms:F0} | {lag.MaxMs:F0} | {usage.MachineBusyPercent:F0} ({shares}) |"));
            Console.WriteLine();
            Console.WriteLine($"inside the API, share of events within each bound: {ServerMetrics.Shares(metrics, "budgetbuddy_event_projection_lag_seconds")} (commit to event); "
                + $"{ServerMetrics.Shares(metrics, "budgetbuddy_event_delivery_lag_seconds")} (commit to delivery)");
            Console.WriteLine("delivery attempts by outcome: " + string.Join(", ", metrics.Split('\n')
                .Where(l => l.StartsWith("budgetbuddy_webhook_deliveries_total{", StringComparison.Ordinal))
                .Select(l => l["budgetbuddy_webhook_deliveries_total".Length..])));
            Console.WriteLine("DynamoDB calls per write (all the API's work, writes included): " + string.Join(", ", calls.Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.Operation} ({c.Outcome}) {c.CallsPerRequest:F2} x {c.MeanMs:F1} ms"))));
            var complete = sink.Received == written && sink.Duplicates == 0 && sink.Forged == 0 && client.Errors.Counts.Count == 0;
            if (!complete)
            {
                Console.Error.WriteLine($"incomplete: {written} acknowledged, {sink.Received} delivered, {sink.Duplicates} twice, {sink.Forged} not verified, {client.Errors.Counts.Count} kinds of request error");
            }
            return complete ? 0 : 1;
        }
        finally
        {
            Directory.Delete(secretsDir, recursive: true);
        }
    }

    /// <summary>Posts one transaction every 1/rate seconds, round the users, without waiting for answers; returns how many were acknowledged.</summary>
    private static async Task<int> WriteAsync(ApiClient client, BenchUser[] users, Load load, CancellationToken ct)
    {
        var total = (int)(load.Rate * load.Duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var pending = new List<Task<bool>>(total);
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)(i * (double)Stopwatch.Frequency / load.Rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }
            var user = users[i % users.Length];
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$"""{"accountId":"{{user.AccountId}}","date":"2026-06-01","amount":-{{100 + i % 900}},"payee":"Merchant {{i % 97}}"}"""));
            pending.Add(PostAsync(client, user, body, ct));
        }
        return (await Task.WhenAll(pending)).Count(ok => ok);
    }

    private static async Task<bool> PostAsync(ApiClient client, BenchUser user, byte[] body, CancellationToken ct) =>
        await client.SendAsync("POST /v1/transactions", HttpMethod.Post, "/v1/transactions", user.Token, body, Guid.NewGuid().ToString(), ct) is not null;
}
