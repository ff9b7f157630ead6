using BudgetBuddy.Load.Bench;

namespace BudgetBuddy.UnitTests.Load;

public sealed class BenchReportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_tally_counts_only_figures_with_a_target()
    {
        var console = BenchReport.Console(
            [new("p99", "<= 50 ms", "40 ms", true, ""), new("rss", "<= 200 MB", "250 MB", false, ""), new("startup", "—", "559 ms", null, "")], At);

        Assert.Contains("targets: 1 of 2 missed", console, StringComparison.Ordinal);
        Assert.Contains("MISSED   rss: 250 MB (target <= 200 MB)", console, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_target_met_says_how_many()
    {
        Assert.Contains("targets: all 1 met", BenchReport.Console([new("p99", "<= 50 ms", "40 ms", true, "")], At), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bench_whose_target_steps_were_all_skipped_does_not_claim_them_met()
    {
        var console = BenchReport.Console([new("startup", "—", "559 ms", null, "")], At);

        Assert.Contains("targets: none measured", console, StringComparison.Ordinal);
        Assert.DoesNotContain("met", console.Split('\n')[^2], StringComparison.Ordinal);
    }
}
