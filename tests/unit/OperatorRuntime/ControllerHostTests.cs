using System.Collections.Concurrent;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using k8s;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>The hosted controller: watcher → queue → workers under leader election, resync, graceful stop.</summary>
public sealed class ControllerHostTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private FakeKubernetesApi api = null!;
    private readonly ConcurrentQueue<string> reconciled = new();
    private readonly List<IAsyncDisposable> cleanup = [];
    private readonly WriteLineLogger logger = new(output.WriteLine);

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        api.RegisterResource(Gadget.Resource);
    }

    public async Task DisposeAsync()
    {
        foreach (var item in cleanup)
        {
            await item.DisposeAsync();
        }
        await api.DisposeAsync();
    }

    private (ControllerHost<Gadget> Host, RateLimitingWorkQueue Queue) Create(
        Func<string, CancellationToken, Task<ReconcileResult>>? reconcile = null,
        ILeaderElection? election = null,
        TimeProvider? time = null,
        Action<ControllerOptions>? configure = null)
    {
        time ??= TimeProvider.System;
        var options = new ControllerOptions
        {
            Watch = new ResourceWatcherOptions { Group = Gadget.Resource.Group, Version = Gadget.Resource.Version, Plural = Gadget.Resource.Plural, Namespace = Gadget.Namespace },
            LeaderElection = new LeaderElectionOptions { Enabled = false },
            MaxConcurrentReconciles = 2,
        };
        configure?.Invoke(options);
        var metrics = new ControllerMetrics(Metrics.NewCustomRegistry());
        var client = api.CreateClient();
        var queue = new RateLimitingWorkQueue(options.FailureBackoff, time, metrics);
        var watcher = new ResourceWatcher<Gadget>(client, options.Watch, queue, metrics, time, logger);
        var host = new ControllerHost<Gadget>(
            watcher,
            queue,
            reconcile ?? ((key, _) =>
            {
                reconciled.Enqueue(key);
                return Task.FromResult(ReconcileResult.Done);
            }),
            election ?? new AlwaysLeader(),
            options,
            metrics,
            time,
            logger);
        cleanup.Add(new Cleanup(async () =>
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            queue.Dispose();
            client.Dispose();
        }));
        return (host, queue);
    }

    [Fact]
    public async Task Every_listed_object_and_every_change_is_reconciled()
    {
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var (host, _) = Create();

        await host.StartAsync(TestTimeout.Token);
        await Eventually.TrueAsync(() => reconciled.Contains("gadgets/a") && reconciled.Contains("gadgets/b"), "the listed objects are reconciled");
        await api.WaitForAsync(() => api.OpenWatches == 1);
        var before = reconciled.Count(key => key == "gadgets/a");
        Gadget.Put(api, "c");
        Gadget.Put(api, "a", size: 2);

        await Eventually.TrueAsync(
            () => reconciled.Contains("gadgets/c") && reconciled.Count(key => key == "gadgets/a") > before,
            "the changed objects are reconciled");
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_reconcile_finish_and_takes_no_new_key()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var cancelled = false;
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var time = new FakeClock();
        var shutdownTimeout = TimeSpan.FromSeconds(30);
        var (host, _) = Create(async (key, ct) =>
        {
            reconciled.Enqueue(key);
            started.TrySetResult();
            await release.Task;
            cancelled = ct.IsCancellationRequested;
            return ReconcileResult.Done;
        }, time: time, configure: o =>
        {
            o.MaxConcurrentReconciles = 1;
            o.ShutdownTimeout = shutdownTimeout;
        });
        await host.StartAsync(TestTimeout.Token);
        await started.Task.WaitAsync(TestTimeout.Token);

        var stopping = host.StopAsync(TestTimeout.Token);
        await Eventually.TrueAsync(() => time.IsWaiting(due => due == shutdownTimeout), "the drain's grace period runs");
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        await stopping.WaitAsync(TestTimeout.Token);
        Assert.False(cancelled);
        Assert.Single(reconciled);
    }

    [Fact]
    public async Task Stopping_cancels_a_reconcile_that_outlasts_the_shutdown_timeout()
    {
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        Gadget.Put(api, "a");
        var (host, _) = Create(async (_, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                throw;
            }
            return ReconcileResult.Done;
        }, configure: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        await host.StartAsync(TestTimeout.Token);
        await started.Task.WaitAsync(TestTimeout.Token);

        await host.StopAsync(TestTimeout.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(cancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task A_standby_reconciles_nothing_until_it_leads_and_then_reconciles_everything_cached()
    {
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var election = new ManualLeaderElection();
        var (host, queue) = Create(election: election);

        await host.StartAsync(TestTimeout.Token);
        await Eventually.TrueAsync(() => queue.Length == 2, "the standby's watcher queues what it lists");
        await Task.Delay(100);
        Assert.Empty(reconciled);

        election.Elect();
        await Eventually.TrueAsync(() => reconciled.Count == 2, "the new leader reconciles everything");
        Assert.True(election.IsLeader);
    }

    [Fact]
    public async Task Losing_leadership_cancels_in_flight_reconciles_and_a_new_term_looks_at_everything_again()
    {
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        var calls = 0;
        Gadget.Put(api, "a");
        var election = new ManualLeaderElection();
        var (host, _) = Create(async (key, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult();
                    throw;
                }
            }
            reconciled.Enqueue(key);
            return ReconcileResult.Done;
        }, election: election);
        await host.StartAsync(TestTimeout.Token);
        election.Elect();
        await started.Task.WaitAsync(TestTimeout.Token);

        election.Depose();
        await cancelled.Task.WaitAsync(TestTimeout.Token);
        election.Elect();

        await Eventually.TrueAsync(() => reconciled.Contains("gadgets/a"), "the next term reconciles the abandoned key");
    }

    [Fact]
    public async Task Resync_queues_every_cached_object_again_each_period()
    {
        var time = new FakeClock();
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var (host, _) = Create(time: time, configure: o => o.ResyncPeriod = TimeSpan.FromMinutes(10));
        await host.StartAsync(TestTimeout.Token);
        await Eventually.TrueAsync(() => reconciled.Contains("gadgets/a") && reconciled.Contains("gadgets/b"), "the first reconciles");
        await Eventually.TrueAsync(() => time.IsWaiting(due => due == TimeSpan.FromMinutes(10)), "the leader's resync timer is set before the clock moves");
        reconciled.Clear();

        time.Advance(TimeSpan.FromMinutes(10));

        await Eventually.TrueAsync(() => reconciled.Contains("gadgets/a") && reconciled.Contains("gadgets/b"), "the resync reconciles everything again");
    }

    [Fact]
    public async Task Reconcile_results_drive_requeues_through_the_host()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        Gadget.Put(api, "a");
        var (host, _) = Create(
            (_, _) => Task.FromResult(Interlocked.Increment(ref calls) switch
            {
                1 => throw new InvalidOperationException("first attempt fails"),
                2 => ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5)),
                _ => ReconcileResult.Done,
            }),
            time: time);
        await host.StartAsync(TestTimeout.Token);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 1, "the first attempt");

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return Volatile.Read(ref calls) == 2;
        }, "the retry after 100 ms of backoff");
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Volatile.Read(ref calls) == 3;
        }, "the requeue after 5 s");
    }

    /// <summary>An election a test decides: <see cref="Elect"/> starts a term, <see cref="Depose"/> ends it.</summary>
    private sealed class ManualLeaderElection : ILeaderElection
    {
        private readonly Lock gate = new();
        private TaskCompletionSource elected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenSource? term;

        public bool IsLeader { get; private set; }

        public void Elect()
        {
            lock (gate)
            {
                elected.TrySetResult();
            }
        }

        public void Depose()
        {
            lock (gate)
            {
                term?.Cancel();
            }
        }

        public async Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Task wait;
                lock (gate)
                {
                    wait = elected.Task;
                }
                try
                {
                    await wait.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                using var current = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                lock (gate)
                {
                    term = current;
                    elected = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                IsLeader = true;
                try
                {
                    await work(current.Token);
                }
                catch (OperationCanceledException) when (current.IsCancellationRequested)
                {
                }
                finally
                {
                    IsLeader = false;
                    lock (gate)
                    {
                        term = null;
                    }
                }
                if (!current.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private sealed class Cleanup(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }
}
