using System.Text.Json;
using BudgetBuddy.Load.Reports;

namespace BudgetBuddy.UnitTests.Load.Reports;

public sealed class LoadReportsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("load-reports-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Writes_a_markdown_and_an_html_report_named_after_the_summary_into_the_output_directory()
    {
        var summaryPath = Path.Combine(_directory, "mixed-20261125-100000.json");
        await File.WriteAllTextAsync(summaryPath, SampleSummary.Text());
        var output = Path.Combine(_directory, "reports");

        var written = await LoadReports.WriteAsync(summaryPath, output, CancellationToken.None);

        Assert.Equal([Path.Combine(output, "mixed-20261125-100000.md"), Path.Combine(output, "mixed-20261125-100000.html")], written);
        var markdown = await File.ReadAllTextAsync(written[0]);
        var html = await File.ReadAllBytesAsync(written[1]);
        Assert.StartsWith("# Load test mixed", markdown, StringComparison.Ordinal);
        Assert.Contains("are in mixed-20261125-100000.html", markdown, StringComparison.Ordinal);
        Assert.Equal("<!DOCTYPE html>"u8.ToArray(), html[..15]);
        Assert.Contains("Rendered from mixed-20261125-100000.json", System.Text.Encoding.UTF8.GetString(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_summary_is_refused_with_a_json_error()
    {
        var summaryPath = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(summaryPath, "{ \"scenario\": ");

        await Assert.ThrowsAnyAsync<JsonException>(() => LoadReports.WriteAsync(summaryPath, _directory, CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_directory, "broken.html")));
    }
}
