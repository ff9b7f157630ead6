using BudgetBuddy.Load.Reports;
using BudgetBuddy.UnitTests.Deployment;

namespace BudgetBuddy.UnitTests.Load.Reports;

/// <summary>
/// The committed sample (tests/load/Reports/Samples) shows what a report looks like and is what the screenshot in docs/
/// is taken of, so it must be what the renderers make today. After changing them, regenerate it with
/// <c>UPDATE_LOAD_REPORT_SAMPLES=1 dotnet test tests/unit --filter FullyQualifiedName~SampleReportTests</c>
/// (tests/load/render-report-screenshot.sh does that and retakes the screenshot).
/// </summary>
public sealed class SampleReportTests
{
    private const string Samples = "tests/load/Reports/Samples";

    private static readonly string[] Extensions = [".md", ".html"];

    [Theory]
    [InlineData("mixed-open")]
    public async Task The_committed_sample_reports_are_what_the_renderers_make_of_the_sample_summary(string name)
    {
        var summaryPath = RepositoryFiles.PathOf($"{Samples}/{name}.json");
        var committed = Extensions.ToDictionary(e => e, e => RepositoryFiles.Exists($"{Samples}/{name}{e}") ? RepositoryFiles.Text($"{Samples}/{name}{e}") : "");
        if (Environment.GetEnvironmentVariable("UPDATE_LOAD_REPORT_SAMPLES") == "1")
        {
            await LoadReports.WriteAsync(summaryPath, RepositoryFiles.PathOf(Samples), CancellationToken.None);
            return;
        }
        var output = Directory.CreateTempSubdirectory("load-report-sample-");

        var written = await LoadReports.WriteAsync(summaryPath, output.FullName, CancellationToken.None);

        foreach (var path in written)
        {
            Assert.True(committed[Path.GetExtension(path)] == await File.ReadAllTextAsync(path),
                $"{Samples}/{Path.GetFileName(path)} is not what the renderers make of {name}.json now; regenerate it (see {nameof(SampleReportTests)}).");
        }
        output.Delete(recursive: true);
    }
}
