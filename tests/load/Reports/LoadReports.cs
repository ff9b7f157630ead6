using System.Text;
using System.Text.Json;

namespace BudgetBuddy.Load.Reports;

/// <summary>
/// Turns a load test run's JSON summary into a Markdown report and an HTML report with charts, for people to read.
/// The harness writes the summary and then calls <see cref="WriteAsync"/>.
/// </summary>
internal static class LoadReports
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Reads <paramref name="summaryJsonPath"/> and writes <c>&lt;name&gt;.md</c> and <c>&lt;name&gt;.html</c> (the
    /// JSON file's name) into <paramref name="outputDirectory"/>, which is created if needed.
    /// </summary>
    /// <returns>The paths of the Markdown and the HTML report, in that order.</returns>
    /// <exception cref="JsonException">The file is not a JSON summary.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(string summaryJsonPath, string outputDirectory, CancellationToken ct)
    {
        RunSummary summary;
        await using (var json = File.OpenRead(summaryJsonPath))
        {
            summary = await JsonSerializer.DeserializeAsync(json, RunSummaryJson.Default.RunSummary, ct)
                ?? throw new JsonException($"{summaryJsonPath} holds null, not a load test summary.");
        }

        var name = Path.GetFileNameWithoutExtension(summaryJsonPath);
        Directory.CreateDirectory(outputDirectory);
        var markdownPath = Path.Combine(outputDirectory, name + ".md");
        var htmlPath = Path.Combine(outputDirectory, name + ".html");
        await File.WriteAllTextAsync(markdownPath, MarkdownReport.Render(summary, Path.GetFileName(htmlPath)), Utf8, ct);
        await File.WriteAllTextAsync(htmlPath, HtmlReport.Render(summary, Path.GetFileName(summaryJsonPath)), Utf8, ct);
        return [markdownPath, htmlPath];
    }

    /// <summary>Reads a summary from JSON text.</summary>
    public static RunSummary Parse(string json) =>
        JsonSerializer.Deserialize(json, RunSummaryJson.Default.RunSummary) ?? throw new JsonException("The JSON holds null, not a load test summary.");
}
