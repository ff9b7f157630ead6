namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>The repository the tests run from: the first folder above the test binaries that holds the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFileName = "BudgetBuddy.sln";

    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFileName}.");
    }
}
