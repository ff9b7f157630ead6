using System.Net;
using BudgetBuddy.Api.LoadShedding;
using BudgetBuddy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBuddy.IntegrationTests.LoadShedding;

/// <summary>An API that serves one request at a time and lets one more wait 300 ms, so the test can fill it by hand.</summary>
public sealed class OneAtATimeApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["LoadShedding:MaxConcurrentRequests"] = "1",
        ["LoadShedding:QueueLimit"] = "1",
        ["LoadShedding:MaxQueueWait"] = "00:00:00.300",
        ["LoadShedding:RetryAfterSeconds"] = "2",
    };
}

/// <summary>
/// At capacity the API refuses at once with a 503 problem and Retry-After, rather than letting work pile up; a waiting
/// request is served when a turn frees up; probes and metrics are never refused. The test takes the pod's only turn
/// itself, through the gate the middleware uses, so "at capacity" is a fact rather than a race.
/// </summary>
public sealed class LoadSheddingTests(OneAtATimeApiFixture api) : IClassFixture<OneAtATimeApiFixture>
{
    private RequestConcurrencyGate Gate => api.Factory.Services.GetRequiredService<RequestConcurrencyGate>();

    [Fact]
    public async Task A_request_that_waits_too_long_for_a_turn_gets_503_with_retry_after()
    {
        await api.ProvisionAsync("shed");
        using var alice = await api.ClientAsync("shed", "alice");

        using (var held = await Gate.EnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            using var refused = await alice.GetAsync("/v1/accounts");

            var problem = await refused.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("2", string.Join(",", refused.Headers.GetValues("Retry-After")));
            Assert.Equal("Server busy", problem.GetProperty("title").GetString());
            Assert.Equal(2, problem.GetProperty("retryAfter").GetInt32());
        }

        await (await alice.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_waiting_request_is_served_when_the_turn_is_given_back()
    {
        await api.ProvisionAsync("waits");
        using var alice = await api.ClientAsync("waits", "alice");

        var held = await Gate.EnterAsync(CancellationToken.None);
        Assert.NotNull(held);
        var waiting = alice.GetAsync("/v1/accounts");
        await Task.Delay(50);
        held.Dispose();

        using var served = await waiting;
        await served.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_the_queue_full_a_request_is_refused_without_waiting()
    {
        await api.ProvisionAsync("full");
        using var alice = await api.ClientAsync("full", "alice");

        using var held = await Gate.EnterAsync(CancellationToken.None);
        Assert.NotNull(held);
        // The one queue place, taken by a caller that waits longer than the test.
        using var queuedCancel = new CancellationTokenSource();
        var queued = Gate.EnterAsync(queuedCancel.Token);

        var started = DateTime.UtcNow;
        using var refused = await alice.GetAsync("/v1/accounts");
        var waited = DateTime.UtcNow - started;

        await refused.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(waited < TimeSpan.FromMilliseconds(250), $"a request that found the queue full waited {waited.TotalMilliseconds} ms");
        await queuedCancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queued);
    }

    [Fact]
    public async Task Probes_and_metrics_are_answered_at_capacity()
    {
        using var held = await Gate.EnterAsync(CancellationToken.None);
        Assert.NotNull(held);
        using var client = api.Client();

        await (await client.GetAsync("/actuator/health/liveness")).ExpectAsync(HttpStatusCode.OK);
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        // The gauge is process-wide (other tests' APIs share it), so only its presence is this test's to check.
        Assert.Contains("budgetbuddy_requests_in_flight ", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
