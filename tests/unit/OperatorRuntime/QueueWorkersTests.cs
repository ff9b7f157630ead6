using System.Collections.Concurrent;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using BudgetBuddy.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>Workers turn what a reconcile answers into queue actions, with bounded concurrency.</summary>
public sealed class QueueWorkersTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly ControllerMetrics metrics;
    private readonly RateLimitingWorkQueue queue;

    public QueueWorkersTests()
    {
        metrics = new ControllerMetrics(registry);
        queue = new RateLimitingWorkQueue(BackoffPolicy.PerKeyDefault(), time, metrics);
    }

    public void Dispose() => queue.Dispose();

    private QueueWorkers Workers(Func<string, CancellationToken, Task<ReconcileResult>> reconcile, int count = 1, Func<bool>? isLeading = null) =>
        new(queue, reconcile, count, isLeading ?? (() => true), metrics, time, NullLogger.Instance);

    [Fact]
    public async Task Done_forgets_the_keys_backoff_and_does_not_queue_it_again()
    {
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/a");
        var workers = Workers((_, _) => Task.FromResult(ReconcileResult.Done));

        await workers.ProcessAsync("ns/a", TestTimeout.Token);

        Assert.Equal(0, queue.NumRequeues("ns/a"));
        Assert.Equal(1, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_total", "result=\"success\""));
    }

    [Fact]
    public async Task RequeueAfter_forgets_the_backoff_and_queues_the_key_after_the_delay()
    {
        queue.AddRateLimited("ns/a");
        time.Advance(TimeSpan.FromMilliseconds(100));
        var key = await queue.GetAsync(TestTimeout.Token);
        var workers = Workers((_, _) => Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5))));

        await workers.ProcessAsync(key!, TestTimeout.Token);
        queue.Done(key!);

        Assert.Equal(0, queue.NumRequeues("ns/a"));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(0, queue.Length);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, queue.Length);
        Assert.Equal(1, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_total", "result=\"requeue\""));
    }

    [Fact]
    public async Task An_exception_queues_the_key_with_growing_backoff()
    {
        var workers = Workers((_, _) => throw new InvalidOperationException("DynamoDB said no"));

        await workers.ProcessAsync("ns/a", TestTimeout.Token);
        await workers.ProcessAsync("ns/a", TestTimeout.Token);

        Assert.Equal(2, queue.NumRequeues("ns/a"));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, queue.Length);
        Assert.Equal(2, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_total", "result=\"error\""));
        Assert.Equal(2, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_duration_seconds_count", "result=\"error\""));
    }

    [Fact]
    public async Task A_reported_failure_is_retried_with_backoff_like_an_exception()
    {
        var workers = Workers((_, _) => Task.FromResult(ReconcileResult.Failed("status write conflicted")));

        await workers.ProcessAsync("ns/a", TestTimeout.Token);

        Assert.Equal(1, queue.NumRequeues("ns/a"));
        Assert.Equal(1, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_total", "result=\"error\""));
    }

    [Fact]
    public async Task A_reconcile_cancelled_by_its_token_is_queued_again_without_counting_as_a_failure()
    {
        using var stop = new CancellationTokenSource();
        var workers = Workers(async (_, ct) =>
        {
            await stop.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return ReconcileResult.Done;
        });

        await workers.ProcessAsync("ns/a", stop.Token);

        Assert.Equal(0, queue.NumRequeues("ns/a"));
        Assert.Equal(1, queue.Length);
        Assert.Equal(0, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_total", "result=\"error\""));
    }

    [Fact]
    public async Task A_replica_that_no_longer_leads_gives_the_key_back_untouched()
    {
        var calls = 0;
        var workers = Workers((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(ReconcileResult.Done);
        }, isLeading: () => false);
        queue.Add("ns/a");
        var key = await queue.GetAsync(TestTimeout.Token);

        var stillLeading = await workers.ProcessAsync(key!, TestTimeout.Token);
        queue.Done(key!);

        Assert.False(stillLeading);
        Assert.Equal(0, calls);
        Assert.Equal(1, queue.Length);
        Assert.Equal(0, queue.NumRequeues("ns/a"));
    }

    [Fact]
    public async Task A_write_refused_by_the_lease_fence_gives_the_key_back_without_backoff_or_error()
    {
        var workers = Workers((_, _) => throw new FencedWriteException(ControllerMetrics.KubernetesTarget, "POST /api/v1/namespaces/ns/events"));
        queue.Add("ns/a");
        var key = await queue.GetAsync(TestTimeout.Token);

        var stillLeading = await workers.ProcessAsync(key!, TestTimeout.Token);
        queue.Done(key!);

        Assert.False(stillLeading);
        Assert.Equal(1, queue.Length);
        Assert.Equal(0, queue.NumRequeues("ns/a"));
        Assert.Equal(0, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_reconcile_total", "result=\"error\""));
    }

    [Fact]
    public async Task Workers_that_find_they_no_longer_lead_take_no_further_key_until_their_term_ends()
    {
        var leading = true;
        var calls = 0;
        var checks = 0;
        var workers = Workers((_, _) =>
        {
            Interlocked.Increment(ref calls);
            Volatile.Write(ref leading, false);
            return Task.FromResult(ReconcileResult.Done);
        }, count: 2, isLeading: () =>
        {
            Interlocked.Increment(ref checks);
            return Volatile.Read(ref leading);
        });
        queue.Add("ns/a");

        using var term = new CancellationTokenSource();
        var run = workers.RunAsync(term.Token);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 1, "the first key is reconciled while leading");
        for (var i = 0; i < 5; i++)
        {
            queue.Add($"ns/b{i}");
        }
        // Each worker takes one key more, finds it does not lead, gives it back and waits for the term to end.
        await Eventually.TrueAsync(() => Volatile.Read(ref checks) == 3, "both workers looked once more");
        Assert.False(run.IsCompleted);

        await term.CancelAsync();
        await run.WaitAsync(TestTimeout.Token);
        Assert.Equal(1, calls);
        Assert.Equal(3, checks);
        Assert.Equal(5, queue.Length);
    }

    [Fact]
    public async Task No_more_reconciles_run_at_once_than_there_are_workers()
    {
        var running = 0;
        var peak = 0;
        var finished = 0;
        var workers = Workers(async (_, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref finished);
            return ReconcileResult.Done;
        }, count: 3);
        for (var i = 0; i < 20; i++)
        {
            queue.Add($"ns/t{i}");
        }

        using var stop = new CancellationTokenSource();
        var run = workers.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => Volatile.Read(ref finished) == 20, "all 20 keys reconciled");
        queue.ShutDown();
        await run.WaitAsync(TestTimeout.Token);

        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task One_key_is_never_reconciled_twice_at_once_however_often_it_is_added()
    {
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        var calls = 0;
        var workers = Workers(async (key, ct) =>
        {
            if (inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }
            Interlocked.Increment(ref calls);
            await Task.Delay(2, ct);
            inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
            return ReconcileResult.Done;
        }, count: 8);

        using var stop = new CancellationTokenSource();
        var run = workers.RunAsync(stop.Token);
        // Adds race the workers from several threads while the same three keys are being processed.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                queue.Add($"ns/k{i % 3}");
                await Task.Yield();
            }
        })));
        await Eventually.TrueAsync(() => queue.Length == 0 && inFlight.Values.All(n => n == 0), "the queue drains");
        queue.ShutDown();
        await run.WaitAsync(TestTimeout.Token);

        Assert.Equal(0, overlaps);
        Assert.InRange(calls, 3, 800);
    }

    [Fact]
    public async Task A_key_added_while_it_is_being_reconciled_is_reconciled_again_afterwards()
    {
        var calls = 0;
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var workers = Workers(async (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }
            return ReconcileResult.Done;
        }, count: 2);
        queue.Add("ns/a");

        using var stop = new CancellationTokenSource();
        var run = workers.RunAsync(stop.Token);
        await firstStarted.Task.WaitAsync(TestTimeout.Token);
        queue.Add("ns/a");
        await Task.Delay(50);
        Assert.Equal(1, Volatile.Read(ref calls)); // the second worker did not take it while the first holds it

        releaseFirst.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 2, "the key is reconciled again");
        queue.ShutDown();
        await run.WaitAsync(TestTimeout.Token);
    }

    [Fact]
    public async Task Workers_stop_taking_keys_when_the_queue_shuts_down_and_finish_the_one_in_hand()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var completed = 0;
        var workers = Workers(async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
            Interlocked.Increment(ref completed);
            return ReconcileResult.Done;
        });
        queue.Add("ns/a");
        queue.Add("ns/b");

        using var stop = new CancellationTokenSource();
        var run = workers.RunAsync(stop.Token);
        await started.Task.WaitAsync(TestTimeout.Token);
        var drain = queue.ShutDownWithDrainAsync(TestTimeout.Token);
        Assert.False(drain.IsCompleted);

        release.SetResult();
        await drain.WaitAsync(TestTimeout.Token);
        await run.WaitAsync(TestTimeout.Token);
        Assert.Equal(1, completed);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
