using System.Collections.Concurrent;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>
/// Two replicas of a controller, wired as a service would wire them (<c>AddResourceController</c> in a generic host),
/// against one fake API server: only the leader reconciles, and when it stops the other takes over and reconciles
/// everything, without the two ever reconciling at once.
/// </summary>
public sealed class ControllerFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReconcileLog log = new();
    private readonly List<IHost> hosts = [];
    private FakeKubernetesApi api = null!;

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        api.RegisterResource(Gadget.Resource);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }
        await api.DisposeAsync();
    }

    private async Task<IHost> StartReplicaAsync(string identity)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, identity));
        builder.Services.AddSingleton<IKubernetes>(_ => api.CreateClient());
        builder.Services.AddSingleton(new ControllerMetrics(Metrics.NewCustomRegistry()));
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(new ReplicaName(identity));
        builder.Services.AddResourceController<Gadget, GadgetReconciler>(o =>
        {
            o.Watch.Group = Gadget.Resource.Group;
            o.Watch.Version = Gadget.Resource.Version;
            o.Watch.Plural = Gadget.Resource.Plural;
            o.Watch.Namespace = Gadget.Namespace;
            o.LeaderElection.LeaseName = "gadget-controller";
            o.LeaderElection.LeaseNamespace = "default";
            o.LeaderElection.Identity = identity;
            o.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(4);
            o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(3);
            o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
            // One worker, so "most at once" counts replicas reconciling together, never one replica's workers.
            o.MaxConcurrentReconciles = 1;
            o.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task Only_the_leader_reconciles_and_the_standby_takes_over_when_it_stops()
    {
        for (var i = 0; i < 5; i++)
        {
            Gadget.Put(api, $"g{i}", i);
        }
        var first = await StartReplicaAsync("first");
        await api.WaitForAsync(() => log.Keys("first").Count == 5);
        var second = await StartReplicaAsync("second");
        var cache = second.Services.GetRequiredService<IResourceCache<Gadget>>();
        await api.WaitForAsync(() => cache.HasSynced && cache.Keys.Count == 5);

        Gadget.Put(api, "g0", 100);
        await api.WaitForAsync(() => log.Sizes("first").Contains(100));
        Assert.Empty(log.Keys("second"));
        Assert.False(second.Services.GetRequiredService<ILeaderElection>().IsLeader);

        await first.StopAsync(TimeSpan.FromSeconds(10));
        Gadget.Put(api, "g5", 5);

        // The new leader looks at everything once (its predecessor may have stopped mid-way), and then at changes.
        await api.WaitForAsync(() => log.Keys("second").Count == 6, TimeSpan.FromSeconds(10));
        Assert.True(second.Services.GetRequiredService<ILeaderElection>().IsLeader);
        Assert.Equal(1, log.MostAtOnce);
    }

    private sealed record ReplicaName(string Value);

    /// <summary>Records every reconcile: by whom, of what, and how many ran at once across both replicas.</summary>
    private sealed class ReconcileLog
    {
        private readonly ConcurrentQueue<(string Replica, string Key, int Size)> entries = new();
        private int running;
        private int mostAtOnce;

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public HashSet<string> Keys(string replica) => entries.Where(e => e.Replica == replica).Select(e => e.Key).ToHashSet();

        public List<int> Sizes(string replica) => entries.Where(e => e.Replica == replica).Select(e => e.Size).ToList();

        public async Task<ReconcileResult> RecordAsync(string replica, string key, int size, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref running);
            var seen = Volatile.Read(ref mostAtOnce);
            while (now > seen && Interlocked.CompareExchange(ref mostAtOnce, now, seen) != seen)
            {
                seen = Volatile.Read(ref mostAtOnce);
            }
            try
            {
                // Long enough for reconciles to overlap if two replicas (or two workers on one key) ever ran together.
                await Task.Delay(20, cancellationToken);
                entries.Enqueue((replica, key, size));
                return ReconcileResult.Done;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }

    /// <summary>Reads the gadget from the cache, as a real reconciler may, and logs it.</summary>
    private sealed class GadgetReconciler(IResourceCache<Gadget> cache, ReconcileLog log, ReplicaName replica) : IReconciler<Gadget>
    {
        public Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken) =>
            log.RecordAsync(replica.Value, key, cache.TryGet(key, out var gadget) ? gadget.Spec.Size : -1, cancellationToken);
    }

    private sealed class TestOutputLoggerProvider(ITestOutputHelper output, string name) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WriteLineLogger(output.WriteLine, name);

        public void Dispose()
        {
        }
    }
}
