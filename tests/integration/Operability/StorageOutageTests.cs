using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Operability;

/// <summary>
/// DynamoDB Local stopped for 10 s and started again, with its data, under steady load on three API processes: what
/// every client saw, whether every process lived through it, how soon each served again, and whether each write it
/// acknowledged is still there.
/// </summary>
public sealed class StorageOutageTests(RestartableDynamoApiFixture api, ITestOutputHelper output) : IClassFixture<RestartableDynamoApiFixture>
{
    private const string Tenant = "outage";
    private const int ApiCount = 3;
    private const int WorkersPerApi = 2;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRecovery = TimeSpan.FromSeconds(10);
    // Longer than the slowest answer the API may give with the store slow but up: 4 SDK attempts of up to 5 s each, twice
    // (a transaction reads its head first).
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Through_a_storage_outage_every_answer_is_a_complete_503_problem_or_a_success_and_no_acknowledged_write_is_lost()
    {
        // A plan far above the load, so no answer is a 429; a short registry cache, so the outage also meets the
        // token and tenant lookups, not only the ledger.
        await api.Provisioner.ProvisionUntilReadyAsync(
            new TenantRequest(Tenant, Plan: new TenantPlan(1_000_000, 100_000)), TimeSpan.FromSeconds(30), CancellationToken.None);
        var settings = new Dictionary<string, string>
        {
            ["DynamoDb__ServiceUrl"] = api.Dynamo.ServiceUrl,
            ["DynamoDb__TablePrefix"] = api.TablePrefix,
            ["Encryption__LocalKeyFile"] = TestKek.FilePath,
            ["Registry__CacheTtl"] = "00:00:02",
            ["RateLimits__UserRequestsPerMinute"] = "1000000",
            ["RateLimits__UserBurst"] = "100000",
        };
        var apis = Enumerable.Range(0, ApiCount).Select(_ => ApiProcess.Start(settings)).ToList();
        try
        {
            await Task.WhenAll(apis.Select(p => p.WaitUntilServingAsync(TimeSpan.FromSeconds(30))));
            var load = new OutageLoad(apis, RequestTimeout);
            for (var worker = 0; worker < ApiCount * WorkersPerApi; worker++)
            {
                await load.AddWorkerAsync(worker % ApiCount, await api.TokenAsync(Tenant, $"user-{worker}"));
            }

            await load.UntilEachApiSucceededAsync(since: TimeSpan.Zero, TimeSpan.FromSeconds(15));
            var stoppedAt = load.Clock.Elapsed;
            await api.Dynamo.StopAsync();
            await Task.Delay(Outage);
            await api.Dynamo.StartAgainAsync();
            var backAt = load.Clock.Elapsed;
            var recovered = await load.UntilEachApiSucceededAsync(since: backAt, MaxRecovery + TimeSpan.FromSeconds(5));
            await Task.Delay(TimeSpan.FromSeconds(1));
            var exchanges = await load.StopAsync();
            output.WriteLine($"outage {stoppedAt.TotalSeconds:0.0}-{backAt.TotalSeconds:0.0} s; served again after {string.Join(", ", recovered.Select(r => $"{r?.TotalSeconds:0.0} s"))}");
            output.WriteLine(string.Join("; ", exchanges.GroupBy(e => (e.Api, e.Status)).OrderBy(g => g.Key).Select(g => $"API {g.Key.Api} status {g.Key.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {g.Count()}")));

            Assert.All(apis, p => Assert.False(p.HasExited, $"The API at {p.BaseAddress} exited with {p.ExitCode}:{Environment.NewLine}{p.Output}"));
            var flawed = exchanges.Where(e => e.Flaw is not null).ToList();
            Assert.True(flawed.Count == 0, $"{flawed.Count} of {exchanges.Count} answers were neither a success nor a complete 503 problem with Retry-After:"
                + Environment.NewLine + string.Join(Environment.NewLine, flawed.Take(10)));
            for (var i = 0; i < ApiCount; i++)
            {
                var mine = exchanges.Where(e => e.Api == i).ToList();
                // The outage really reached every process, and every process served before it: the checks above held on
                // something.
                Assert.Contains(mine, e => e.Status == 503 && e.At > stoppedAt && e.At < backAt);
                Assert.Contains(mine, e => e.Status is >= 200 and < 300 && e.At < stoppedAt);
                Assert.True(recovered[i] is { } after && after <= MaxRecovery,
                    $"The API at {apis[i].BaseAddress} served again {recovered[i]?.TotalSeconds:0.0} s after DynamoDB Local answered (at most {MaxRecovery.TotalSeconds} s)");
            }

            var acknowledged = load.Acknowledged;
            Assert.Contains(acknowledged, w => w.Path.StartsWith("/v1/transactions/", StringComparison.Ordinal));
            Assert.Contains(acknowledged, w => w.Path.StartsWith("/v1/accounts/", StringComparison.Ordinal));
            foreach (var write in acknowledged)
            {
                // Read back through another process than the one that acknowledged it.
                using var reader = apis[(write.Api + 1) % ApiCount].Client(write.Token, RequestTimeout);
                var read = await (await reader.GetAsync(new Uri(write.Path, UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
                Assert.Equal(write.Id, read.GetProperty("id").GetString());
            }
        }
        finally
        {
            foreach (var p in apis)
            {
                await p.DisposeAsync();
            }
        }
    }

    /// <summary>One request and what came of it; <see cref="Flaw"/> is null for a success or a complete 503 problem.</summary>
    private sealed record Exchange(int Api, TimeSpan At, string Request, int? Status, string? Flaw);

    /// <summary>A write the API acknowledged with 201, and where to read it back.</summary>
    private sealed record Write(int Api, string Token, string Path, string Id);

    /// <summary>
    /// Workers that each write and read as their own user against one API process, 20 ms apart (200 ms after a
    /// failure), recording every answer until stopped.
    /// </summary>
    private sealed class OutageLoad(IReadOnlyList<ApiProcess> apis, TimeSpan requestTimeout)
    {
        private readonly ConcurrentQueue<Exchange> exchanges = new();
        private readonly ConcurrentQueue<Write> acknowledged = new();
        private readonly List<Task> workers = [];
        private volatile bool stopping;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public IReadOnlyCollection<Write> Acknowledged => acknowledged;

        public async Task AddWorkerAsync(int apiIndex, string token)
        {
            var client = apis[apiIndex].Client(token, requestTimeout);
            var account = (await (await client.PostJsonAsync("/v1/accounts", new { name = "Outage", type = "checking", currency = "USD" }))
                .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
            workers.Add(Task.Run(() => WorkAsync(apiIndex, token, client, account)));
        }

        /// <summary>How long after <paramref name="since"/> each API first succeeded; null for one that did not in time.</summary>
        public async Task<TimeSpan?[]> UntilEachApiSucceededAsync(TimeSpan since, TimeSpan timeout)
        {
            var deadline = Clock.Elapsed + timeout;
            while (true)
            {
                var first = Enumerable.Range(0, apis.Count)
                    .Select(i => exchanges.Where(e => e.Api == i && e.At >= since && e.Status is >= 200 and < 300).Select(e => (TimeSpan?)(e.At - since)).Min())
                    .ToArray();
                if (first.All(t => t is not null) || Clock.Elapsed > deadline)
                {
                    return first;
                }
                await Task.Delay(100);
            }
        }

        public async Task<List<Exchange>> StopAsync()
        {
            stopping = true;
            await Task.WhenAll(workers);
            return [.. exchanges];
        }

        private async Task WorkAsync(int apiIndex, string token, HttpClient client, string account)
        {
            using var _ = client;
            for (var n = 0; !stopping; n++)
            {
                var (answer, created) = (n % 3) switch
                {
                    0 => (await SendAsync(apiIndex, client, HttpMethod.Post, "/v1/accounts", new { name = $"Account {n}", type = "checking", currency = "USD" }), "/v1/accounts/"),
                    1 => (await SendAsync(apiIndex, client, HttpMethod.Post, "/v1/transactions", new { accountId = account, date = "2026-03-01", amount = -(100 + n), payee = $"Payee {n}" }), "/v1/transactions/"),
                    _ => (await SendAsync(apiIndex, client, HttpMethod.Get, "/v1/accounts?limit=5", body: null), null),
                };
                if (created is not null && answer is { Status: 201, Id: { } id })
                {
                    acknowledged.Enqueue(new Write(apiIndex, token, created + id, id));
                }
                // Slower after a refusal, as a client minding Retry-After would be, though not the whole second: the
                // outage still meets hundreds of requests without the test's own load starving DynamoDB's restart.
                await Task.Delay(answer.Status is >= 200 and < 300 ? 20 : 200);
            }
        }

        private async Task<(int? Status, string? Id)> SendAsync(int apiIndex, HttpClient client, HttpMethod method, string path, object? body)
        {
            var at = Clock.Elapsed;
            var what = $"{method} {apis[apiIndex].BaseAddress}{path.TrimStart('/')} at {at.TotalSeconds:0.0} s";
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = System.Net.Http.Json.JsonContent.Create(body);
            }
            try
            {
                // The whole body is read before SendAsync returns: a connection closed early throws here.
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var flaw = status switch
                {
                    >= 200 and < 300 => null,
                    503 => ProblemFlaw(response, text),
                    _ => $"status {status}: {text}",
                };
                exchanges.Enqueue(new Exchange(apiIndex, at, what, status, flaw));
                return (status, status == 201 ? JsonDocument.Parse(text).RootElement.GetProperty("id").GetString() : null);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                exchanges.Enqueue(new Exchange(apiIndex, at, what, null, $"no complete answer: {e.GetType().Name}: {e.Message} {e.InnerException?.Message}"));
                return (null, null);
            }
        }

        private static string? ProblemFlaw(HttpResponseMessage response, string text)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"503 as {response.Content.Headers.ContentType}: {text}";
            }
            if (response.Headers.RetryAfter is null)
            {
                return $"503 without Retry-After: {text}";
            }
            try
            {
                using var problem = JsonDocument.Parse(text);
                return problem.RootElement.GetProperty("status").GetInt32() == 503 ? null : $"503 whose problem says otherwise: {text}";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return $"503 whose body is not a whole problem ({e.Message}): {text}";
            }
        }
    }
}
