using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.RateLimiting;

/// <summary>
/// API processes on one DynamoDB Local: three that share one redis-server of the fixture's own, and two without Redis.
/// All are told there are 2 replicas (the chart's HPA minimum), so each process's own buckets hold half of every
/// limit: the three sharing Redis are a cluster scaled out past that, where only the shared buckets keep the limits
/// (their own would let through 3/2 of them). Users may send 4 requests at once and 1 a minute, so no token comes back
/// while a test runs. The processes start when a test first needs them.
/// </summary>
public class SharedLimitsFixture : ApiFixture
{
    /// <summary>A plan whose burst is the whole budget during a test: its next token is a minute away.</summary>
    public static readonly TenantPlan SmallPlan = new(RequestsPerMinute: 1, Burst: 6);

    private readonly Lazy<Task<IReadOnlyList<ApiProcess>>> shared;
    private readonly Lazy<Task<IReadOnlyList<ApiProcess>>> podOnly;
    private readonly List<ApiProcess> started = [];

    public SharedLimitsFixture()
    {
        shared = new(() => StartProcessesAsync("shared", SharedProcessCount, redis: true));
        podOnly = new(() => StartProcessesAsync("pod-only", 2, redis: false));
    }

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The processes whose limits live in <see cref="Redis"/> (three unless a fixture needs fewer).</summary>
    public Task<IReadOnlyList<ApiProcess>> SharedAsync() => shared.Value;

    /// <summary>Two processes without Redis.</summary>
    public Task<IReadOnlyList<ApiProcess>> PodOnlyAsync() => podOnly.Value;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Redis = await RedisServer.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var process in started)
        {
            await process.DisposeAsync();
        }
        await Redis.DisposeAsync();
        await base.DisposeAsync();
    }

    public async Task ProvisionAsync(string tenant, TenantPlan plan)
    {
        var report = await Provisioner.ProvisionUntilReadyAsync(new TenantRequest(tenant, Plan: plan), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(report.Ready, string.Join("; ", report.WaitingFor));
    }

    protected virtual int SharedProcessCount => 3;

    protected virtual IReadOnlyDictionary<string, string> ProcessSettings(bool redis, int replicas)
    {
        var settings = new Dictionary<string, string>
        {
            ["RateLimits__UserRequestsPerMinute"] = "1",
            ["RateLimits__UserBurst"] = "4",
            ["RateLimits__Replicas"] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (redis)
        {
            settings["RateLimits__Redis__Configuration"] = Redis.Configuration;
            settings["RateLimits__Redis__RetryInterval"] = "00:00:01";
        }
        return settings;
    }

    private async Task<IReadOnlyList<ApiProcess>> StartProcessesAsync(string name, int count, bool redis)
    {
        var processes = await Task.WhenAll(Enumerable.Range(1, count)
            .Select(i => ApiProcess.StartAsync(this, $"{name}-{i}", ProcessSettings(redis, replicas: 2))));
        started.AddRange(processes);
        if (redis)
        {
            await ProvisionAsync(WarmUpTenant, new(RequestsPerMinute: 60_000, Burst: 1_000));
            foreach (var process in processes)
            {
                await WaitUntilSharingAsync(process);
            }
        }
        return processes;
    }

    /// <summary>A tenant with a large plan, provisioned with the processes, whose requests only show that they are served.</summary>
    public const string WarmUpTenant = "warmup";

    /// <summary>
    /// The client connects to Redis in the background, and a process decides alone until it has; a test's requests
    /// must find it connected. The warm-up tenant's and users' buckets are nobody else's.
    /// </summary>
    private async Task WaitUntilSharingAsync(ApiProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            using var client = process.Client(await TokenAsync(WarmUpTenant, $"{process.Name}-probe-{attempt}"));
            using var response = await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative));
            if (await process.MetricAsync("budgetbuddy_rate_limit_store_up") == 1)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"API {process.Name} did not use Redis within 60 s.{Environment.NewLine}{process.Tail}");
    }
}
