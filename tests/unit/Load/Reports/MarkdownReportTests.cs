using BudgetBuddy.Load.Reports;

namespace BudgetBuddy.UnitTests.Load.Reports;

public sealed class MarkdownReportTests
{
    private static string Render(string json) => MarkdownReport.Render(LoadReports.Parse(json), "run.html");

    private static string Sample() => Render(SampleSummary.Text());

    private static string[] Lines(string markdown) => markdown.Split('\n');

    [Fact]
    public void The_title_names_scenario_model_and_verdict_and_the_header_the_target_and_time()
    {
        var markdown = Sample();

        Assert.StartsWith("# Load test mixed, open model: ✗ FAILED\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Verdict:** FAILED, 1 of 3 thresholds failed", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Target:** http://127.0.0.1:8180/", markdown, StringComparison.Ordinal);
        Assert.Contains("- **When:** 2026-11-25 10:00:00Z to 10:00:46Z (46 s)", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Load:** 30 s measured after 15 s warm-up, 200.0 requests/s requested", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_storage_path_run_carries_its_note_under_the_target_and_an_api_run_none()
    {
        var json = SampleSummary.Json();
        json["target"] = "dynamodb-direct:http://127.0.0.1:8200";
        json["note"] = "The raw storage path: the API's DynamoDB calls, straight through the SDK.";

        var markdown = Render(json.ToJsonString());

        Assert.Contains("- **Target:** dynamodb-direct:http://127.0.0.1:8200\n- **Note:** The raw storage path: the API's DynamoDB calls, straight through the SDK.\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("**Note:**", Sample(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_threshold_is_a_row_with_a_pass_or_fail_mark_its_limit_and_its_actual_value()
    {
        var lines = Lines(Sample());

        Assert.Contains("| Result | Threshold | Limit | Actual |", lines);
        Assert.Contains("| ✓ pass | p99 | \\<= 250 ms | 55.50 ms |", lines);
        Assert.Contains("| ✗ fail | p99.9 | \\<= 300 ms | 480.50 ms |", lines);
        Assert.Contains("| ✓ pass | errors | \\<= 0.1 % | 0.050 % |", lines);
    }

    [Fact]
    public void The_totals_latency_and_step_tables_hold_the_summary_s_figures()
    {
        var lines = Lines(Sample());

        Assert.Contains("| Sent | 5,950 |  |", lines);
        Assert.Contains("| Errors | 3 | 0.05 % of sent |", lines);
        Assert.Contains("| Late (sent behind schedule) | 40 | 0.672 % of sent |", lines);
        Assert.Contains("| Dropped (never sent) | 0 | 0 % of sent |", lines);
        Assert.Contains("| Requested rate | 200.0/s |  |", lines);
        Assert.Contains("| Achieved rate | 198.3/s | 99.15 % of requested |", lines);
        Assert.Contains("| Requests | Mean ms | p50 ms | p90 ms | p95 ms | p99 ms | p99.9 ms | Max ms |", lines);
        Assert.Contains("| 5,948 | 14.12 | 10.50 | 21.00 | 31.50 | 55.50 | 480.50 | 1,250.75 |", lines);
        Assert.Contains("| post-transaction | 50 | 2,974 | 3 (0.101 %) | 18.00 | 14.50 | 29.00 | 43.50 | 60.75 | 500.00 | 1,250.75 |", lines);
        Assert.Contains("| get-budget | 20 | 1,190 | 0 | 9.50 | 8.25 | 16.50 | 24.75 | 40.00 | 300.00 | 900.00 |", lines);
    }

    [Fact]
    public void Error_bodies_are_code_blocks_cut_at_300_characters_so_a_script_in_one_stays_text()
    {
        var markdown = Sample();

        Assert.Equal(3, Lines(markdown).Count(l => l == "**post-transaction**, HTTP 503:" || l == "**post-transaction**, HTTP 500:"));
        Assert.Contains($"```text\n{SampleSummary.ScriptBody}\n```\n", markdown, StringComparison.Ordinal);
        // 295 x, the CR LF as one new line, then "line": 300 characters, and a mark that the body was cut.
        Assert.Contains($"```text\n{new string('x', 295)}\nline…\n```", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', markdown);
    }

    [Fact]
    public void A_body_with_backticks_gets_a_longer_fence_and_text_in_tables_cannot_break_out_of_its_cell()
    {
        var json = SampleSummary.Json();
        json["errorSamples"]![0]!["body"] = "```\n# not a heading";
        json["steps"]![0]!["name"] = "get|budget *now* <b>";

        var markdown = Render(json.ToJsonString());

        Assert.Contains("````text\n```\n# not a heading\n````\n", markdown, StringComparison.Ordinal);
        Assert.Contains(@"| get\|budget \*now\* \<b\> | 20 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_machine_and_the_harness_s_cpu_figures_close_the_report()
    {
        var markdown = Sample();

        Assert.Contains("## Machine\n\n2 cores (AMD EPYC 7B13), Debian GNU/Linux 12 (bookworm), .NET 10.0.12\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| machineBusyPercent | 91.25 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| processGroupPercent.api | 30.5 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passing_run_is_marked_passed()
    {
        var json = SampleSummary.Json();
        json["thresholds"]![1]!["passed"] = true;
        json["passed"] = true;

        var markdown = Render(json.ToJsonString());

        Assert.StartsWith("# Load test mixed, open model: ✓ PASSED\n", markdown, StringComparison.Ordinal);
        Assert.Contains("all 3 thresholds passed", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", markdown, StringComparison.Ordinal);
    }
}
