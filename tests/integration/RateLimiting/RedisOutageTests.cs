using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.RateLimiting;

/// <summary>Its own Redis, which its tests stop (and one starts again); they pass in either order.</summary>
public sealed class RedisOutageFixture : SharedLimitsFixture
{
    protected override int SharedProcessCount => 1;
}

/// <summary>Redis going away fails open: the pod's own buckets limit requests, none fails, and the pod says so.</summary>
public sealed class RedisOutageTests(RedisOutageFixture api) : IClassFixture<RedisOutageFixture>
{
    [Fact]
    public async Task When_redis_goes_away_the_pods_own_buckets_limit_requests_and_none_fails()
    {
        var process = (await api.SharedAsync())[0];
        await api.ProvisionAsync("outage", SharedLimitsFixture.SmallPlan);
        Assert.Equal(1, await process.MetricAsync("budgetbuddy_rate_limit_store_up"));

        var warningsBefore = Warnings(process);
        await api.Redis.StopAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            // A user per request: the tenant's bucket is what is counted.
            using var client = process.Client(await api.TokenAsync("outage", $"user-{i}"));
            using var response = await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "a 429 without Retry-After");
            }
        }

        var seen = string.Join(",", statuses.Select(s => (int)s));
        Assert.True(statuses.All(s => s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests), seen);
        // This pod's own bucket for the tenant, 6 over 2 replicas, had not been used: 3 through, then refusals.
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 3, seen);
        Assert.Equal(0, await process.MetricAsync("budgetbuddy_rate_limit_store_up"));
        Assert.True(await process.MetricAsync("budgetbuddy_rate_limit_store_fallbacks_total") >= 10);
        // One warning for the outage, not one per request.
        Assert.Equal(warningsBefore + 1, Warnings(process));
    }

    [Fact]
    public async Task When_redis_answers_again_the_limits_are_shared_again()
    {
        var process = (await api.SharedAsync())[0];
        await api.ProvisionAsync("comeback", SharedLimitsFixture.SmallPlan);
        await api.Redis.StopAsync();
        // Spend this pod's own half of the plan while Redis is away.
        var alone = await SendAsync(process, "comeback", "alone", 4);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alone);

        await api.Redis.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var probe = 0;
        while (await process.MetricAsync("budgetbuddy_rate_limit_store_up") != 1 && DateTime.UtcNow < deadline)
        {
            // The pod learns that Redis is back by asking it, which only a request of a known caller makes it do.
            await SendAsync(process, SharedLimitsFixture.WarmUpTenant, $"comeback-probe-{probe++}", 1);
            await Task.Delay(250);
        }

        Assert.Equal(1, await process.MetricAsync("budgetbuddy_rate_limit_store_up"));
        Assert.Contains(process.AllOutput.Split('\n'), line => line.Contains("Redis answers again", StringComparison.Ordinal));
        // The new server's bucket for the tenant is full: the whole plan again, where the pod's own would refuse all.
        var shared = await SendAsync(process, "comeback", "shared", 7);
        Assert.Equal(6, shared.Count(s => s == HttpStatusCode.OK));
    }

    private static int Warnings(ApiProcess process) =>
        process.AllOutput.Split('\n').Count(line => line.Contains("Redis cannot be reached", StringComparison.Ordinal));

    /// <summary>Sends <paramref name="count"/> requests, each as a user of its own, so only the tenant's bucket counts.</summary>
    private async Task<List<HttpStatusCode>> SendAsync(ApiProcess process, string tenant, string userPrefix, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var client = process.Client(await api.TokenAsync(tenant, $"{userPrefix}-{i}"));
            using var response = await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }
}
