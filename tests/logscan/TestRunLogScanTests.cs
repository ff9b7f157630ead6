namespace BudgetBuddy.LogScan;

/// <summary>
/// Every log line the whole test run wrote: the APIs' and operators' captured logs, stdout (their JSON console
/// output) and the operator processes' output, as the integration tests left them under BUDGETBUDDY_TEST_LOG_DIR.
/// </summary>
public sealed class TestRunLogScanTests
{
    // A full run writes about 12,000 lines, some 250 of them from operators (November 2026); a quarter of that or less
    // means the suite did not really run, or its hosts stopped keeping their logs.
    private const int FewestLinesOfARealRun = 3_000;
    private const int FewestOperatorLines = 60;

    [Fact]
    public void Every_log_line_of_the_test_run_is_free_of_card_numbers_tokens_and_private_keys()
    {
        var folder = Environment.GetEnvironmentVariable("BUDGETBUDDY_TEST_LOG_DIR");
        Assert.False(string.IsNullOrEmpty(folder), "BUDGETBUDDY_TEST_LOG_DIR is not set: run the scan through 'make test', after the other test projects.");
        Assert.True(Directory.Exists(folder), $"{folder} does not exist: no test host kept its log lines.");
        var files = Directory.GetFiles(folder, "*.log");

        var linesBySource = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<string>();
        foreach (var file in files)
        {
            var source = Path.GetFileName(file).Split('.')[0];
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                // Only the place and the kind are reported: the line itself would put the secret in the test report.
                findings.AddRange(SecretShapes.FoundIn(line).Select(kind => $"{Path.GetFileName(file)}:{number}: {kind}"));
            }
            linesBySource[source] = linesBySource.GetValueOrDefault(source) + number;
        }

        var counts = string.Join(", ", linesBySource.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
        Assert.True(linesBySource.Values.Sum() >= FewestLinesOfARealRun, $"Only {linesBySource.Values.Sum()} lines ({counts}) in {folder}: not a full test run.");
        Assert.True(linesBySource.GetValueOrDefault("api-capture") > 0, $"No line from an API ({counts}).");
        Assert.True(
            linesBySource.GetValueOrDefault("operator-capture") + linesBySource.GetValueOrDefault("operator-process") >= FewestOperatorLines,
            $"Fewer than {FewestOperatorLines} lines from operators ({counts}).");
        Assert.True(findings.Count == 0, $"{findings.Count} secret-shaped strings in the logs ({counts}):{Environment.NewLine}{string.Join(Environment.NewLine, findings.Take(50))}");
    }
}
