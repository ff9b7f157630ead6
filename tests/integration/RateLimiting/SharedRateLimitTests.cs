using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.RateLimiting;

/// <summary>
/// Limits across API processes: with Redis a tenant's plan (and a user's limit) is one budget whichever process a
/// request reaches; without it each process enforces its share of the limit, 1/Replicas.
/// </summary>
public sealed class SharedRateLimitTests(SharedLimitsFixture api) : IClassFixture<SharedLimitsFixture>
{
    // Four users, so none of them sends more than their burst of 4 in a test about the tenant's limit.
    private static readonly string[] Users = ["ann", "ben", "cat", "dan"];

    [Fact]
    public async Task With_redis_one_process_enforces_the_tenant_plan()
    {
        var processes = await api.SharedAsync();
        await api.ProvisionAsync("solo", SharedLimitsFixture.SmallPlan);

        var answers = await SendAsync("solo", 9, i => (processes[0], Users[i % Users.Length]));

        // The whole plan, not the process's own half of it.
        await ExpectPlanHeldAsync(answers, allowed: 6);
    }

    [Fact]
    public async Task With_redis_the_tenant_plan_holds_in_total_across_three_processes()
    {
        var processes = await api.SharedAsync();
        await api.ProvisionAsync("trio", SharedLimitsFixture.SmallPlan);

        // Every process sees every user: as an ALB spreads one client's requests.
        var answers = await SendAsync("trio", 12, i => (processes[i % 3], Users[i / 3 % Users.Length]));

        // Each process's own half of the plan would have let through 3 of its 4: 9 in all.
        await ExpectPlanHeldAsync(answers, allowed: 6);
        // Every process turned some away: the budget was spent through the others too.
        Assert.All(processes, p => Assert.Contains(answers, a => a.Process == p && a.Response.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task With_redis_the_tenant_plan_holds_under_concurrent_requests_to_three_processes()
    {
        var processes = await api.SharedAsync();
        await api.ProvisionAsync("rush", SharedLimitsFixture.SmallPlan);
        // Tokens first, so the requests leave together: 30 at once, 10 to each process, 3 per user.
        var requests = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
            (Process: processes[i % 3], Client: processes[i % 3].Client(await api.TokenAsync("rush", $"rush-user-{i % 10}")))));

        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            using var client = r.Client;
            return new Answer(r.Process, await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative)));
        }));

        // Each process's own half would have let through 3 of its 10: 9 in all. One atomic bucket lets through 6.
        await ExpectPlanHeldAsync([.. answers], allowed: 6);
    }

    [Fact]
    public async Task With_redis_a_user_limit_holds_in_total_across_three_processes()
    {
        var processes = await api.SharedAsync();
        await api.ProvisionAsync("usershare", new(RequestsPerMinute: 60_000, Burst: 1_000));

        var answers = await SendAsync("usershare", 6, i => (processes[i % 3], "dora"));

        // Each process's own half of the user's burst would have let through both of its 2: 6 in all.
        Assert.Equal(4, answers.Count(a => a.Response.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.Response.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.Response.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("user", problem.GetProperty("limit").GetString());
        }
    }

    [Fact]
    public async Task Without_redis_each_process_enforces_its_share_of_the_tenant_plan()
    {
        var processes = await api.PodOnlyAsync();
        await api.ProvisionAsync("podonly", SharedLimitsFixture.SmallPlan);

        foreach (var process in processes)
        {
            // A user per request, so only the tenant's bucket counts: 6 over 2 replicas is 3 in each process.
            var answers = await SendAsync("podonly", 4, i => (process, $"{process.Name}-user-{i}"));

            await ExpectPlanHeldAsync(answers, allowed: 3);
            Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].Response.StatusCode);
        }
    }

    private async Task<List<Answer>> SendAsync(string tenant, int count, Func<int, (ApiProcess Process, string User)> route)
    {
        var answers = new List<Answer>();
        for (var i = 0; i < count; i++)
        {
            var (process, user) = route(i);
            using var client = process.Client(await api.TokenAsync(tenant, user));
            answers.Add(new Answer(process, await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative))));
        }
        return answers;
    }

    /// <summary>Exactly <paramref name="allowed"/> went through; every other one is the tenant's 429 with a Retry-After.</summary>
    private static async Task ExpectPlanHeldAsync(List<Answer> answers, int allowed)
    {
        var statuses = string.Join(",", answers.Select(a => (int)a.Response.StatusCode));
        Assert.True(answers.Count(a => a.Response.StatusCode == HttpStatusCode.OK) == allowed, $"expected {allowed} OK: {statuses}");
        foreach (var refused in answers.Where(a => a.Response.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.Response.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("tenant", problem.GetProperty("limit").GetString());
            var retryAfter = int.Parse(string.Join(",", refused.Response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
            // One token a minute: the next one is at most a minute (and the limiter's tick) away.
            Assert.InRange(retryAfter, 1, 61);
            Assert.Equal(retryAfter, problem.GetProperty("retryAfter").GetInt32());
        }
    }

    private sealed record Answer(ApiProcess Process, HttpResponseMessage Response);
}
