namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>Where the repository's files are, found from the test assembly by walking up to BudgetBuddy.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart { get; } = Path.Combine(Root, "charts", "budgetbuddy");

    public static string PinnedSchemas { get; } = Path.Combine(Root, "tests", "chart", "Schemas");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetBuddy.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName
            ?? throw new InvalidOperationException($"No BudgetBuddy.sln above {AppContext.BaseDirectory}: run the chart tests from the repository.");
    }
}
