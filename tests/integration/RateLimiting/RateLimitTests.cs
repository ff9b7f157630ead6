using System.Globalization;
using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.RateLimiting;

/// <summary>An API whose users may send 3 requests at once and 6 a minute, so limits are reached in a few calls.</summary>
public sealed class SmallLimitsApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["RateLimits:UserRequestsPerMinute"] = "6",
        ["RateLimits:UserBurst"] = "3",
    };
}

/// <summary>Per-user and per-tenant token buckets: 429 problems with Retry-After, one user never costing another.</summary>
public sealed class RateLimitTests(SmallLimitsApiFixture api) : IClassFixture<SmallLimitsApiFixture>
{
    [Fact]
    public async Task A_user_past_their_burst_gets_429_with_retry_after_and_a_problem()
    {
        await api.ProvisionAsync("limited");
        using var alice = await api.ClientAsync("limited", "alice");

        for (var i = 0; i < 3; i++)
        {
            await (await alice.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        }
        using var refused = await alice.GetAsync("/v1/accounts");

        var problem = await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        // 6 a minute is a token every 10 s; plus the limiter's 100 ms refill tick, rounded up.
        Assert.Equal("11", string.Join(",", refused.Headers.GetValues("Retry-After")));
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal("user", problem.GetProperty("limit").GetString());
        Assert.Equal(11, problem.GetProperty("retryAfter").GetInt32());
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Another_user_of_the_same_tenant_is_not_affected()
    {
        await api.ProvisionAsync("shared");
        using var noisy = await api.ClientAsync("shared", "noisy");
        using var quiet = await api.ClientAsync("shared", "quiet");

        for (var i = 0; i < 10; i++)
        {
            (await noisy.GetAsync("/v1/accounts")).Dispose();
        }

        await (await noisy.GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 3; i++)
        {
            await (await quiet.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_tenant_on_a_tiny_plan_is_limited_across_all_its_users()
    {
        var report = await api.Provisioner.ProvisionUntilReadyAsync(
            new TenantRequest("tinyplan", Plan: new TenantPlan(RequestsPerMinute: 2, Burst: 2)), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(report.Ready);
        using var alice = await api.ClientAsync("tinyplan", "alice");
        using var bob = await api.ClientAsync("tinyplan", "bob");

        await (await alice.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        await (await bob.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        using var refused = await bob.GetAsync("/v1/accounts");
        using var alsoRefused = await alice.GetAsync("/v1/accounts");

        var problem = await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("tenant", problem.GetProperty("limit").GetString());
        Assert.Equal("31", string.Join(",", refused.Headers.GetValues("Retry-After"))); // 2 a minute: a token every 30 s
        await alsoRefused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Health_metrics_and_docs_are_never_limited_and_rejections_are_counted_by_scope()
    {
        await api.ProvisionAsync("exempt");
        using var carol = await api.ClientAsync("exempt", "carol");
        for (var i = 0; i < 4; i++)
        {
            (await carol.GetAsync("/v1/accounts")).Dispose();
        }

        foreach (var path in new[] { "/actuator/health/liveness", "/metrics", "/openapi/v1.json", "/docs/" })
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await carol.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            }
        }
        var metrics = await carol.GetStringAsync("/metrics");
        var userRejections = metrics.Split('\n').Single(l => l.StartsWith("budgetbuddy_rate_limit_rejections_total{scope=\"user\"}", StringComparison.Ordinal));
        Assert.True(double.Parse(userRejections.Split(' ')[1], CultureInfo.InvariantCulture) >= 1, userRejections);
    }
}
