using System.Diagnostics;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// One run of a solution binary as its own process, the way a container runtime runs it: the apphost that the project
/// references copy next to the tests, with an environment of the test's choosing.
/// </summary>
public sealed record BinaryRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Inherited values of these would point a binary at whatever the machine runs, not at the test's server.
    private static readonly string[] ListenVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];

    /// <param name="binary">The assembly name, e.g. <c>budgetbuddy-api</c>.</param>
    public static async Task<BinaryRun> RunAsync(string binary, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? binary + ".exe" : binary);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in ListenVariables)
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
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
            throw new TimeoutException($"{binary} {string.Join(' ', args)} did not exit within {Deadline.TotalSeconds:0} s");
        }
        return new BinaryRun(process.ExitCode, await stdout, await stderr);
    }
}
