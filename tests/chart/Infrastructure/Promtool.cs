namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>
/// Prometheus's own rule checker and unit-test runner: promtool on PATH (Debian's prometheus package, which
/// <c>make tools</c> installs), or the binary BUDGETBUDDY_PROMTOOL names.
/// </summary>
internal static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static CommandResult Run(string workingDirectory, params string[] arguments)
    {
        var binary = Environment.GetEnvironmentVariable("BUDGETBUDDY_PROMTOOL") is { Length: > 0 } path ? path : Find("promtool")
            ?? throw new InvalidOperationException(
                "promtool not found: run `make tools` (tools/install-debian-package.sh promtool prometheus), or point BUDGETBUDDY_PROMTOOL at one.");
        return CommandLine.Run(binary, arguments, workingDirectory, new Dictionary<string, string>(), Timeout);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
