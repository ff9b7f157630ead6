using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Tooling;

/// <summary>
/// <c>stop_servers_on_exit</c> of tools/process-group.sh, the cleanup of <c>make run</c> and the load scripts, run by a
/// small script that starts two fake servers the way run-local.sh starts DynamoDB Local and the API.
/// </summary>
public sealed class ServerCleanupScriptTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // The fake API takes 3 s to stop after TERM, as the real one does while it drains requests, so the second signal
    // lands while the cleanup waits for it, before the fake DynamoDB Local has been asked to stop. Their output goes
    // elsewhere, as run-local.sh sends it to a log, so a server left running does not hold the driver's pipes open.
    private const string Driver = """
        set -euo pipefail
        . "$1/tools/process-group.sh"
        api_pid=""
        dynamodb_pid=""
        stop_servers_on_exit
        setsid bash -c 'trap "sleep 3; exit 0" TERM; while :; do sleep 0.1; done' >/dev/null 2>&1 &
        api_pid=$!
        setsid bash -c 'trap "exit 0" TERM; while :; do sleep 0.1; done' >/dev/null 2>&1 &
        dynamodb_pid=$!
        echo "servers $api_pid $dynamodb_pid"
        wait "$api_pid"
        """;

    [Fact]
    public async Task Cleanup_stops_both_servers_even_when_more_signals_arrive_while_it_runs()
    {
        var script = Path.Combine(Path.GetTempPath(), $"cleanup-driver-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, Driver);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(RepositoryRoot.Path);
        using var driver = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stderr = new ConcurrentQueue<string>();
        var cleanupStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            stderr.Enqueue(e.Data);
            if (e.Data.StartsWith("stopping the API", StringComparison.Ordinal))
            {
                cleanupStarted.TrySetResult();
            }
        };
        driver.BeginErrorReadLine();
        int[] servers = [];
        try
        {
            var line = await driver.StandardOutput.ReadLineAsync().WaitAsync(Deadline) ?? throw new InvalidOperationException("the driver printed nothing");
            servers = line.Split(' ')[1..].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(2, servers.Length);
            Assert.All(servers, pid => Assert.True(IsRunning(pid), $"fake server {pid} did not start"));

            await SignalAsync(driver.Id, "TERM");
            await cleanupStarted.Task.WaitAsync(Deadline);
            await SignalAsync(driver.Id, "TERM");
            await SignalAsync(driver.Id, "INT");
            await driver.WaitForExitAsync().WaitAsync(Deadline);

            var said = string.Join(Environment.NewLine, stderr);
            Assert.True(143 == driver.ExitCode, $"exit {driver.ExitCode}, expected the first signal's 143:{Environment.NewLine}{said}");
            Assert.Contains("stopping DynamoDB Local", said, StringComparison.Ordinal);
            Assert.All(servers, pid => Assert.False(IsRunning(pid), $"fake server {pid} still runs after the cleanup:{Environment.NewLine}{said}"));
        }
        finally
        {
            foreach (var pid in servers.Where(IsRunning))
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
            }
            if (!driver.HasExited)
            {
                driver.Kill(entireProcessTree: true);
            }
            File.Delete(script);
        }
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Whether the process exists and is not a zombie (an exited child its parent has not waited for).</summary>
    private static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        // "pid (command) S ...": the state follows the last parenthesis, which ends the command name.
        return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
    }
}
