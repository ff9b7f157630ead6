using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.UnitTests.Load;

public sealed class ScheduleTests
{
    private const long Nanoseconds = 1_000_000_000;

    [Theory]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 1, 1_000_000)]
    [InlineData(1000, 1500, 1_500_000_000)]
    [InlineData(250, 3, 12_000_000)]
    [InlineData(0.5, 3, 6_000_000_000)]
    public void Request_i_is_due_at_t0_plus_i_over_the_rate(double rate, long index, long dueNanoseconds)
    {
        Assert.Equal(dueNanoseconds, new Schedule(rate, 0, 10).DueTicks(index, Nanoseconds));
    }

    [Fact]
    public void The_gate_sends_15000_warm_up_requests_then_measures_60000()
    {
        var schedule = new Schedule(1000, warmupSeconds: 15, durationSeconds: 60);

        Assert.Equal(15_000, schedule.WarmupRequests);
        Assert.Equal(75_000, schedule.TotalRequests);
        Assert.Equal(60_000, schedule.MeasuredRequests);
        Assert.False(schedule.IsMeasured(14_999));
        Assert.True(schedule.IsMeasured(15_000));
    }

    [Fact]
    public void A_fractional_rate_counts_every_request_due_before_the_end_and_none_after()
    {
        // 333.3 x 15 = 4999.5: request 4999 is due at 14.998 s (warm-up), request 5000 at 15.0015 s (measured).
        var schedule = new Schedule(333.3, warmupSeconds: 15, durationSeconds: 3);
        Assert.Equal(5000, schedule.WarmupRequests);
        Assert.True(schedule.DueSeconds(schedule.WarmupRequests - 1) < 15);
        Assert.True(schedule.DueSeconds(schedule.WarmupRequests) >= 15);
        Assert.True(schedule.DueSeconds(schedule.TotalRequests - 1) < 18);
        Assert.True(schedule.DueSeconds(schedule.TotalRequests) >= 18);

        // One request every two seconds for three seconds: at 0 s and 2 s.
        Assert.Equal(2, new Schedule(0.5, 0, 3).TotalRequests);
    }

    [Theory]
    [InlineData(19, -1)]   // due at 1.9 s: warm-up
    [InlineData(20, 0)]    // 2.0 s: the first second of the window
    [InlineData(29, 0)]
    [InlineData(30, 1)]
    [InlineData(49, 2)]    // 4.9 s: the last second
    public void Each_measured_request_belongs_to_the_second_of_the_window_it_is_due_in(long index, int second)
    {
        Assert.Equal(second, new Schedule(10, warmupSeconds: 2, durationSeconds: 3).IntervalOf(index));
    }

    [Theory]
    [InlineData(100, 100, false)]
    [InlineData(100, 110, false)]   // exactly at the threshold: on time
    [InlineData(100, 111, true)]
    [InlineData(100, 50, false)]    // early (cannot happen, but is not late)
    public void A_request_is_late_when_it_goes_out_more_than_the_threshold_after_it_was_due(long due, long sent, bool late)
    {
        Assert.Equal(late, Schedule.IsLate(due, sent, lateAfterTicks: 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void The_rate_must_be_a_positive_number(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Schedule(rate, 0, 10));
    }
}
