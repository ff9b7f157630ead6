using System.Diagnostics;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>
/// Lease-based leader election through KubernetesClient's LeaderElector against the fake API server: one leader at a
/// time, its work cancelled when it cannot renew, a fast hand-over when it stops. Short lease timings keep the tests
/// quick; their ratios are the production ones (retry &lt; renew deadline &lt; lease duration).
/// </summary>
public sealed class LeaseLeaderElectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string LeaseNamespace = "default";
    private const string LeaseName = "runtime-test";
    private readonly List<(CancellationTokenSource Stop, Task Run)> candidates = [];
    private readonly WorkLog work = new();
    private FakeKubernetesApi api = null!;
    private k8s.Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        client = api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        foreach (var (stop, run) in candidates)
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(15));
            stop.Dispose();
        }
        client.Dispose();
        await api.DisposeAsync();
    }

    private LeaseLeaderElection Candidate(string identity, TimeSpan? leaseDuration = null, Func<CancellationToken, Task>? run = null)
    {
        var lease = leaseDuration ?? TimeSpan.FromSeconds(2);
        var options = new LeaderElectionOptions
        {
            LeaseName = LeaseName,
            LeaseNamespace = LeaseNamespace,
            Identity = identity,
            LeaseDuration = lease,
            RenewDeadline = lease * 0.75,
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        var logger = new WriteLineLogger(output.WriteLine, identity);
        var fence = new LeaseFence(options, TimeProvider.System, new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry()), logger);
        var election = new LeaseLeaderElection(client, options, fence, TimeProvider.System, logger);
        var stop = new CancellationTokenSource();
        candidates.Add((stop, election.RunWhileLeadingAsync(run ?? (ct => work.RunAsync(identity, ct)), stop.Token)));
        return election;
    }

    private string? Holder() => (string?)api.Get(ApiResources.Leases, LeaseNamespace, LeaseName)?["spec"]?["holderIdentity"];

    [Fact]
    public async Task Of_two_candidates_exactly_one_leads_and_only_it_runs_the_work()
    {
        var a = Candidate("a");
        var b = Candidate("b");

        await api.WaitForAsync(() => work.Active == 1);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, work.Active);
        Assert.Equal(1, work.MostAtOnce);
        Assert.Single(work.Starts);
        Assert.NotEqual(a.IsLeader, b.IsLeader);
        Assert.Equal(a.IsLeader ? "a" : "b", Holder());
    }

    [Fact]
    public async Task When_the_leader_stops_it_releases_the_lease_and_the_standby_takes_over_well_before_expiry()
    {
        Candidate("first", leaseDuration: TimeSpan.FromSeconds(10));
        await api.WaitForAsync(() => work.Active == 1 && Holder() == "first");
        Candidate("second", leaseDuration: TimeSpan.FromSeconds(10));
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        await candidates[0].Stop.CancelAsync();
        await candidates[0].Run.WaitAsync(TimeSpan.FromSeconds(10));

        await api.WaitForAsync(() => Holder() == "second" && work.Active == 1, TimeSpan.FromSeconds(8));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took over after {clock.Elapsed}, the lease lasts 10 s");
        Assert.Equal(["first", "second"], work.Starts);
        Assert.Equal(1, work.MostAtOnce);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_its_work_before_anyone_else_starts()
    {
        var a = Candidate("a");
        await api.WaitForAsync(() => a.IsLeader && work.Active == 1);
        Candidate("b");

        // Every Lease write fails for a while: the leader misses its renew deadline; then the API recovers.
        api.FailNext(15, 500, pathContains: "/leases/", method: "PUT");

        await api.WaitForAsync(() => work.Stops.Contains("a"), TimeSpan.FromSeconds(10));
        await api.WaitForAsync(() => work.Active == 1, TimeSpan.FromSeconds(15));
        Assert.Equal(1, work.MostAtOnce);
        Assert.True(work.Starts.Count >= 2);
    }

    [Fact]
    public async Task Work_that_ends_on_its_own_gives_leadership_up_for_another_candidate()
    {
        var finished = new TaskCompletionSource();
        Candidate("short-lived", leaseDuration: TimeSpan.FromSeconds(10), run: async ct =>
        {
            await Task.Delay(200, ct);
            finished.SetResult();
        });
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await candidates[0].Run.WaitAsync(TimeSpan.FromSeconds(10));

        Candidate("next", leaseDuration: TimeSpan.FromSeconds(10));

        await api.WaitForAsync(() => Holder() == "next" && work.Active == 1, TimeSpan.FromSeconds(5));
    }

    /// <summary>Records which candidate's work ran when, and how many ran at once.</summary>
    private sealed class WorkLog
    {
        private readonly Lock gate = new();
        private readonly List<string> starts = [];
        private readonly List<string> stops = [];
        private int active;
        private int mostAtOnce;

        public int Active
        {
            get
            {
                lock (gate)
                {
                    return active;
                }
            }
        }

        public int MostAtOnce
        {
            get
            {
                lock (gate)
                {
                    return mostAtOnce;
                }
            }
        }

        public IReadOnlyList<string> Starts
        {
            get
            {
                lock (gate)
                {
                    return [.. starts];
                }
            }
        }

        public IReadOnlyList<string> Stops
        {
            get
            {
                lock (gate)
                {
                    return [.. stops];
                }
            }
        }

        public async Task RunAsync(string identity, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                starts.Add(identity);
                mostAtOnce = Math.Max(mostAtOnce, ++active);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                lock (gate)
                {
                    active--;
                    stops.Add(identity);
                }
            }
        }
    }
}
