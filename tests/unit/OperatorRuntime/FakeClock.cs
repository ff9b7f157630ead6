using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also knows which of its timers are waiting to fire. A test that must show
/// that the code under test waits (a backoff, a grace period, a resync period) waits until a timer of that length is
/// pending, and then asserts that nothing else happened: the code can go on only when the test moves the clock, so
/// no real sleep is needed to make that claim, and it cannot be made too early.
/// </summary>
internal sealed class FakeClock : FakeTimeProvider
{
    private readonly ConcurrentDictionary<Timer, TimeSpan> pending = new();

    /// <summary>Whether a timer is waiting whose due time (or period) satisfies <paramref name="length"/>.</summary>
    public bool IsWaiting(Func<TimeSpan, bool> length) => pending.Values.Any(length);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(pending, period);
        // Counted before it exists, so that a timer firing at once (or from another thread's Advance) is not left behind.
        timer.Scheduled(dueTime);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    /// <summary>Wraps the fake timer to keep <see cref="pending"/> in step with Change, firing and disposal.</summary>
    private sealed class Timer(ConcurrentDictionary<Timer, TimeSpan> pending, TimeSpan period) : ITimer
    {
        private TimeSpan period = period;

        public ITimer Inner { get; set; } = null!;

        public void Scheduled(TimeSpan dueTime)
        {
            var oneShot = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero;
            if (dueTime == Timeout.InfiniteTimeSpan || (oneShot && dueTime == TimeSpan.Zero))
            {
                pending.TryRemove(this, out _);
            }
            else
            {
                pending[this] = oneShot ? dueTime : period;
            }
        }

        public void Fired()
        {
            // A one-shot timer is done once it fires; a periodic one waits for its next tick.
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
            {
                pending.TryRemove(this, out _);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            Scheduled(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            pending.TryRemove(this, out _);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            pending.TryRemove(this, out _);
            return Inner.DisposeAsync();
        }
    }
}
