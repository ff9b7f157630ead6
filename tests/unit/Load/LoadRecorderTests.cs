using BudgetBuddy.Load.LoadTest;
using HdrHistogram;

namespace BudgetBuddy.UnitTests.Load;

public sealed class LoadRecorderTests
{
    // Ticks are microseconds in these tests.
    private const long Frequency = 1_000_000;

    private static LoadRecorder Recorder(Schedule schedule) =>
        new(["read", "write"], schedule, Frequency, lateAfter: TimeSpan.FromMilliseconds(10), droppedLatency: TimeSpan.FromSeconds(30));

    [Fact]
    public void A_late_request_is_counted_late_and_its_latency_runs_from_when_it_was_due()
    {
        var recorder = Recorder(new Schedule(10, 0, 1));

        // Due at 0, sent 20 ms late, answered 5 ms after sending: 25 ms, not 5.
        recorder.RecordSent(0, 0, dueTicks: 0, sentTicks: 20_000, doneTicks: 25_000, 200, null);
        // Due at 100 ms, sent on time, answered in 5 ms.
        recorder.RecordSent(1, 0, dueTicks: 100_000, sentTicks: 100_500, doneTicks: 105_000, 200, null);

        var run = recorder.Result();
        Assert.Equal(2, run.Sent);
        Assert.Equal(1, run.Late);
        Assert.Equal(25, run.Latency.GetMaxValue() / 1000.0, precision: 0);
        Assert.Equal(1, run.Intervals[0].Late);
    }

    [Fact]
    public void Warm_up_requests_are_sent_but_not_recorded()
    {
        var recorder = Recorder(new Schedule(10, warmupSeconds: 1, durationSeconds: 1));

        recorder.RecordSent(9, 0, 900_000, 900_000, 950_000, 500, () => "warm-up failure");
        recorder.RecordDropped(5, 0);
        recorder.RecordSent(10, 0, 1_000_000, 1_000_000, 1_002_000, 200, null);

        var run = recorder.Result();
        Assert.Equal(1, run.Sent);
        Assert.Equal(0, run.Errors);
        Assert.Equal(0, run.Dropped);
        Assert.Empty(run.ErrorSamples);
    }

    [Fact]
    public void Only_2xx_answers_complete_and_count_towards_the_achieved_rate()
    {
        var recorder = Recorder(new Schedule(10, 0, 2));
        for (var i = 0; i < 10; i++)
        {
            var status = i switch { 3 => 503, 7 => 0, _ => 201 };
            recorder.RecordSent(i, 1, i * 100_000, i * 100_000, i * 100_000 + 3_000, status, () => $"failure {i}");
        }

        var run = recorder.Result();
        Assert.Equal(10, run.Sent);
        Assert.Equal(8, run.Completed);
        Assert.Equal(2, run.Errors);
        Assert.Equal(4.0, run.AchievedRate);   // 8 successes over the 2-second window
        Assert.Equal(2, run.Steps[1].Errors);
        Assert.Equal([503, 0], run.ErrorSamples.Select(e => e.Status));
        Assert.Equal("write", run.ErrorSamples[0].Step);
    }

    [Fact]
    public void A_dropped_request_counts_apart_from_errors_but_weighs_in_the_latency_as_the_timeout()
    {
        var recorder = Recorder(new Schedule(100, 0, 1));
        for (var i = 0; i < 98; i++)
        {
            recorder.RecordSent(i, 0, i * 10_000, i * 10_000, i * 10_000 + 2_000, 200, null);
        }
        recorder.RecordDropped(98, 1);
        recorder.RecordDropped(99, 1);

        var run = recorder.Result();
        Assert.Equal(98, run.Sent);
        Assert.Equal(0, run.Errors);
        Assert.Equal(2, run.Dropped);
        // 2 % of the requests never got an answer: the P99 is the timeout, so a P99 gate fails on them too.
        Assert.InRange(run.Latency.GetValueAtPercentile(99) / 1000.0, 29_900, 30_100);
        Assert.Equal(2, run.Steps[1].Errors);
        Assert.Equal(2, run.Intervals[0].Errors);
    }

    [Fact]
    public void Throughput_of_a_second_counts_the_successes_that_arrived_in_it()
    {
        var recorder = Recorder(new Schedule(10, 0, 3));

        // Due in second 0 but answered in second 2: latency in second 0, throughput in second 2.
        recorder.RecordSent(0, 0, 0, 0, 2_100_000, 200, null);
        recorder.RecordSent(1, 0, 100_000, 100_000, 150_000, 200, null);

        var run = recorder.Result();
        Assert.Equal([2, 0, 0], run.Intervals.Select(i => i.Count));
        Assert.Equal([1, 0, 1], run.Intervals.Select(i => i.Succeeded));
    }

    [Fact]
    public void Error_samples_keep_a_few_of_each_kind_and_clip_the_body()
    {
        var recorder = Recorder(new Schedule(100, 0, 1));
        for (var i = 0; i < 10; i++)
        {
            recorder.RecordSent(i, 0, 0, 0, 1_000, 503, () => new string('x', 1_000));
        }
        recorder.RecordSent(10, 1, 0, 0, 1_000, 409, () => "conflict");

        var samples = recorder.Result().ErrorSamples;
        Assert.Equal(3, samples.Count(s => s.Status == 503));
        Assert.All(samples, s => Assert.True(s.Body.Length <= 300));
        Assert.Contains(samples, s => s is { Step: "write", Status: 409, Body: "conflict" });
    }
}
