using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Contract;

/// <summary>
/// Spectral (npm, installed under tools/node_modules by `make tools`) lints the document the API serves with
/// tools/.spectral.yaml: spectral:oas and the OWASP API security ruleset, less the rules turned off there with reasons.
/// </summary>
public sealed class SpectralLintTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Error = 0;
    private const int Warning = 1;
    // About 30 s on an idle machine; generous, since it shares the cores with the rest of the suite.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_served_document_has_no_spectral_error_and_no_warning_outside_the_owasp_ruleset()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var file = Path.Combine(Path.GetTempPath(), $"budgetbuddy-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.GetRawText());
        try
        {
            var results = await LintAsync(file);

            var errors = results.Where(r => r.Severity == Error).ToList();
            var warnings = results.Where(r => r.Severity == Warning).ToList();
            var oasWarnings = warnings.Where(r => !r.Code.StartsWith("owasp:", StringComparison.Ordinal)).ToList();
            output.WriteLine($"spectral: {errors.Count} errors, {warnings.Count} warnings ({oasWarnings.Count} outside the OWASP ruleset)");
            foreach (var group in warnings.GroupBy(w => w.Code))
            {
                output.WriteLine($"  {group.Count()} x {group.Key}");
            }
            Assert.True(errors.Count == 0, "spectral errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
            Assert.True(oasWarnings.Count == 0, "spectral:oas warnings:" + Environment.NewLine + string.Join(Environment.NewLine, oasWarnings));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<List<Finding>> LintAsync(string documentFile)
    {
        var tools = Path.Combine(RepositoryRoot(), "tools");
        var spectral = Path.Combine(tools, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"{spectral} is missing: run `make tools` (npm ci --prefix tools).");
        var start = new ProcessStartInfo(spectral)
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "lint", "--ruleset", Path.Combine(tools, ".spectral.yaml"), "--format", "json", "--quiet", "--fail-severity", "hint", documentFile })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start spectral");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"spectral did not finish within {Deadline.TotalMinutes:0} minutes");
        }
        var text = (await stdout).Trim();
        // Spectral prints nothing (or "No results") for a clean document with --quiet, and a JSON array otherwise.
        if (text.Length == 0 || !text.StartsWith('['))
        {
            Assert.True(process.ExitCode == 0, $"spectral failed ({process.ExitCode}): {await stderr}{text}");
            return [];
        }
        return JsonSerializer.Deserialize<List<Finding>>(text, WebJson)!;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetBuddy.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds BudgetBuddy.sln.");
    }

    private sealed record Finding(string Code, string Message, int Severity, IReadOnlyList<JsonElement> Path)
    {
        public override string ToString() => $"{Code} at {string.Join('/', Path)}: {Message}";
    }
}
