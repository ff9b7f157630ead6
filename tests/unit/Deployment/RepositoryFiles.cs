using System.Text.Json.Nodes;
using BudgetBuddy.TestSupport.Json;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>Files of this repository, found from the test's output folder upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static bool Exists(string relativePath) => File.Exists(PathOf(relativePath)) || Directory.Exists(PathOf(relativePath));

    public static string Text(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>The file's only YAML document as JSON.</summary>
    public static JsonNode Yaml(string relativePath) => Assert.Single(YamlDocuments(relativePath))!;

    public static IReadOnlyList<JsonNode?> YamlDocuments(string relativePath) => YamlAsJson.Documents(Text(relativePath));

    public static JsonNode Json(string relativePath) => JsonNode.Parse(Text(relativePath))!;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetBuddy.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"No BudgetBuddy.sln above {AppContext.BaseDirectory}.");
    }
}
