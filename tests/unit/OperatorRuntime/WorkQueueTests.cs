using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>The work queue's contract, as client-go's rate-limited workqueue: dedup, one key at a time, backoff.</summary>
public sealed class WorkQueueTests : IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider time = new();
    private readonly RateLimitingWorkQueue queue;

    public WorkQueueTests() => queue = new RateLimitingWorkQueue(BackoffPolicy.PerKeyDefault(), time);

    public void Dispose() => queue.Dispose();

    [Fact]
    public async Task A_key_added_twice_while_waiting_is_handed_out_once()
    {
        queue.Add("ns/a");
        queue.Add("ns/b");
        queue.Add("ns/a");

        Assert.Equal(2, queue.Length);
        Assert.Equal("ns/a", await queue.GetAsync(TestTimeout.Token));
        Assert.Equal("ns/b", await queue.GetAsync(TestTimeout.Token));
        Assert.Equal(0, queue.Length);
        Assert.False(queue.GetAsync(TestTimeout.Token).IsCompleted);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_out_again_until_it_is_done()
    {
        queue.Add("ns/a");
        var first = await queue.GetAsync(TestTimeout.Token);

        queue.Add("ns/a");
        var second = queue.GetAsync(TestTimeout.Token);

        Assert.Equal(0, queue.Length);
        Assert.False(second.IsCompleted);
        queue.Done(first!);
        Assert.Equal("ns/a", await second.WaitAsync(Soon));
    }

    [Fact]
    public async Task A_key_added_several_times_while_processing_is_queued_again_once_when_done()
    {
        queue.Add("ns/a");
        var key = await queue.GetAsync(TestTimeout.Token);
        queue.Add("ns/a");
        queue.Add("ns/a");
        queue.Add("ns/a");

        queue.Done(key!);

        Assert.Equal(1, queue.Length);
        Assert.Equal("ns/a", await queue.GetAsync(TestTimeout.Token));
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task A_key_done_without_being_added_again_is_not_queued_again()
    {
        queue.Add("ns/a");
        queue.Done((await queue.GetAsync(TestTimeout.Token))!);

        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task A_waiting_getter_receives_the_next_key_added()
    {
        var waiting = queue.GetAsync(TestTimeout.Token);
        Assert.False(waiting.IsCompleted);

        queue.Add("ns/a");

        Assert.Equal("ns/a", await waiting.WaitAsync(Soon));
    }

    [Fact]
    public async Task A_cancelled_getter_does_not_swallow_the_next_key()
    {
        using var cts = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        queue.Add("ns/a");

        Assert.Equal(1, queue.Length);
        Assert.Equal("ns/a", await queue.GetAsync(TestTimeout.Token));
    }

    [Fact]
    public async Task AddAfter_hands_the_key_out_only_once_the_delay_has_passed()
    {
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(10));
        var get = queue.GetAsync(TestTimeout.Token);

        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(get.IsCompleted);
        Assert.Equal(0, queue.Length);

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("ns/a", await get.WaitAsync(Soon));
    }

    [Fact]
    public void AddAfter_with_no_delay_adds_at_once()
    {
        queue.AddAfter("ns/a", TimeSpan.Zero);

        Assert.Equal(1, queue.Length);
    }

    [Fact]
    public void AddAfter_keeps_the_earliest_due_time_of_a_key_and_adds_it_once()
    {
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(30));
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(5));
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(20));

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, queue.Length);

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, queue.Length);
    }

    [Fact]
    public void AddAfter_hands_out_delayed_keys_in_due_order()
    {
        queue.AddAfter("ns/late", TimeSpan.FromSeconds(20));
        queue.AddAfter("ns/early", TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.Length);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, queue.Length);
    }

    [Fact]
    public void AddRateLimited_backs_off_exponentially_per_key_up_to_the_cap()
    {
        var policy = new BackoffPolicy { Base = TimeSpan.FromMilliseconds(100), Factor = 2, Cap = TimeSpan.FromSeconds(1) };
        using var limited = new RateLimitingWorkQueue(policy, time);
        var expected = new[] { 100, 200, 400, 800, 1000, 1000 };

        foreach (var milliseconds in expected)
        {
            limited.AddRateLimited("ns/a");
            time.Advance(TimeSpan.FromMilliseconds(milliseconds - 1));
            Assert.Equal(0, limited.Length);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, limited.Length);
            var handedOut = limited.GetAsync(TestTimeout.Token);
            Assert.True(handedOut.IsCompletedSuccessfully);
            limited.Done("ns/a");
        }
        Assert.Equal(expected.Length, limited.NumRequeues("ns/a"));
    }

    [Fact]
    public async Task Forget_resets_the_backoff_of_a_key()
    {
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/a");
        Assert.Equal(3, queue.NumRequeues("ns/a"));

        queue.Forget("ns/a");
        Assert.Equal(0, queue.NumRequeues("ns/a"));

        time.Advance(TimeSpan.FromMilliseconds(100)); // the earliest pending add, from the first failure
        queue.Done((await queue.GetAsync(TestTimeout.Token))!);
        queue.AddRateLimited("ns/a");
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(0, queue.Length);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Length);
    }

    [Fact]
    public void Backoff_is_per_key()
    {
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/a");
        queue.AddRateLimited("ns/b");

        Assert.Equal(2, queue.NumRequeues("ns/a"));
        Assert.Equal(1, queue.NumRequeues("ns/b"));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, queue.Length);
    }

    [Fact]
    public async Task ShutDown_wakes_waiting_getters_with_null_and_ignores_later_adds()
    {
        var waiting = queue.GetAsync(TestTimeout.Token);
        queue.Add("ns/queued-before");

        queue.ShutDown();
        queue.Add("ns/b");
        queue.AddAfter("ns/c", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("ns/queued-before", await waiting.WaitAsync(Soon));
        Assert.True(queue.IsShuttingDown);
        Assert.Equal(0, queue.Length);
        Assert.Null(await queue.GetAsync(TestTimeout.Token));
    }

    [Fact]
    public async Task ShutDownWithDrain_waits_until_every_key_in_hand_is_done()
    {
        queue.Add("ns/a");
        queue.Add("ns/b");
        var a = await queue.GetAsync(TestTimeout.Token);

        var drain = queue.ShutDownWithDrainAsync(TestTimeout.Token);
        Assert.False(drain.IsCompleted);
        Assert.Null(await queue.GetAsync(TestTimeout.Token));

        queue.Done(a!);
        await drain.WaitAsync(Soon);
    }

    [Fact]
    public async Task ShutDownWithDrain_returns_at_once_when_nothing_is_in_hand()
    {
        queue.Add("ns/a");

        await queue.ShutDownWithDrainAsync(TestTimeout.Token).WaitAsync(Soon);
    }

    [Fact]
    public async Task The_depth_gauge_follows_the_keys_waiting()
    {
        var registry = Metrics.NewCustomRegistry();
        using var measured = new RateLimitingWorkQueue(BackoffPolicy.PerKeyDefault(), time, new ControllerMetrics(registry));

        measured.Add("ns/a");
        measured.Add("ns/b");
        Assert.Equal(2, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_queue_depth"));

        _ = measured.GetAsync(TestTimeout.Token);
        Assert.Equal(1, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_queue_depth"));
    }
}
