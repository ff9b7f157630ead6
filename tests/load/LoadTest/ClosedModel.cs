using System.Net;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// The closed model: <c>connections</c> keep-alive connections, each its own HttpClient limited to one connection,
/// each sending its next request only once the last was answered. Together they follow the same schedule as the
/// open model (request i due at t0 + i/rate) with request i on connection i mod N, so each connection is paced to
/// rate/N and the connections' requests interleave evenly. A connection still waiting when its next request is due
/// sends it late, and the latency counts from the due time. Before the schedule starts, <see cref="OpenAsync"/> opens
/// every connection with an anonymous liveness request, so the connection count does not depend on the rate (at
/// 250/s, 10,000 connections would otherwise take 40 s of schedule to open) and no measured request pays a connect.
/// </summary>
internal sealed class ClosedModel(Uri target, Schedule schedule, int connections, TimeSpan requestTimeout) : IDisposable
{
    private readonly HttpClient[] clients = [.. Enumerable.Range(0, connections).Select(_ => new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        // Idle for rate/N seconds between requests; the API's keep-alive timeout (Kestrel: 130 s) must be longer.
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    })
    {
        BaseAddress = target,
        Timeout = requestTimeout,
    })];

    /// <summary>Connects every client (a liveness request each, some hundreds at a time); returns how many connections answered.</summary>
    public async Task<int> OpenAsync(CancellationToken ct)
    {
        var opened = 0;
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 256, CancellationToken = ct }, async (client, token) =>
        {
            try
            {
                using var response = await client.GetAsync("/actuator/health/liveness", token);
                await response.Content.ReadAsByteArrayAsync(token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref opened);
                }
            }
            catch (HttpRequestException)
            {
                // Counted by what is missing from the total.
            }
        });
        return opened;
    }

    public async Task RunAsync(RequestRunner runner, CancellationToken ct)
    {
        var senders = clients.Select(c => new HttpRequestSender(c)).ToArray();
        var frequency = System.Diagnostics.Stopwatch.Frequency;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(connection => Task.Run(async () =>
        {
            var sender = senders[connection];
            for (long i = connection; i < schedule.TotalRequests && !ct.IsCancellationRequested; i += connections)
            {
                var due = schedule.DueTicks(i, frequency);
                var ahead = due - runner.Now;
                if (ahead > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)ahead / frequency), ct);
                }
                var (step, think) = runner.Choose(i);
                await runner.SendAsync(sender, i, step, think, due, ct);
            }
        }, ct)));
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
