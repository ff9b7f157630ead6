using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.RateLimiting;

/// <summary>Its own Redis, which its test stops.</summary>
public sealed class RedisOutageFixture : SharedLimitsFixture;

/// <summary>Redis going away fails open: the pod's own buckets limit requests, none fails, and the pod says so.</summary>
public sealed class RedisOutageTests(RedisOutageFixture api) : IClassFixture<RedisOutageFixture>
{
    [Fact]
    public async Task When_redis_goes_away_the_pods_own_buckets_limit_requests_and_none_fails()
    {
        var process = (await api.SharedAsync())[0];
        await api.ProvisionAsync("outage", SharedLimitsFixture.SmallPlan);
        Assert.Equal(1, await process.MetricAsync("budgetbuddy_rate_limit_store_up"));

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
        Assert.Single(process.Output.Split('\n'), line => line.Contains("Redis cannot be reached", StringComparison.Ordinal));
    }
}
