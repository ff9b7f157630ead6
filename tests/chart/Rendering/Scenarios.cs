using BudgetBuddy.ChartTests.Infrastructure;

namespace BudgetBuddy.ChartTests.Rendering;

/// <summary>
/// The rendering scenarios: values.yaml alone, and each charts/budgetbuddy/ci/*-values.yaml (found on disk, so a new
/// scenario file is tested without touching the tests).
/// </summary>
internal static class Scenarios
{
    public const string Defaults = "defaults";

    public static IReadOnlyList<string> All { get; } =
        [Defaults, .. Directory.GetFiles(Path.Combine(RepositoryPaths.Chart, "ci"), "*-values.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static TheoryData<string> Theory
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var scenario in All)
            {
                data.Add(scenario);
            }
            return data;
        }
    }

    /// <summary>The values file of a scenario; null for the defaults.</summary>
    public static string? ValuesFile(string scenario) =>
        scenario == Defaults ? null : Path.Combine(RepositoryPaths.Chart, "ci", scenario);
}
