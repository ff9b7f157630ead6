using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;

namespace BudgetBuddy.ChartTests;

public sealed class LintTests
{
    public static TheoryData<string> Scenarios => Rendering.Scenarios.Theory;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Helm_lint_strict_passes(string scenario)
    {
        var arguments = new List<string> { "lint", "--strict", RepositoryPaths.Chart, "--namespace", RenderedChart.Namespace };
        if (Rendering.Scenarios.ValuesFile(scenario) is { } file)
        {
            arguments.AddRange(["--values", file]);
        }

        var result = Helm.Run([.. arguments]);

        Assert.True(result.Succeeded, result.Stdout + result.Stderr);
        Assert.Contains("0 chart(s) failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_scenario_file_says_what_it_tests_in_its_first_line()
    {
        foreach (var scenario in Rendering.Scenarios.All.Skip(1))
        {
            var first = File.ReadLines(Rendering.Scenarios.ValuesFile(scenario)!).First();
            Assert.StartsWith("# Scenario: ", first, StringComparison.Ordinal);
        }
    }
}
