using System.Diagnostics;
using BudgetBuddy.TestSupport;
using Xunit.Abstractions;

namespace BudgetBuddy.LoadGate;

/// <summary>
/// The load-test gate at CI size: <c>tests/load/run-load-test.sh ci</c> (its header has the profile's rate, length
/// and seed) must exit 0, i.e. every threshold of the gate held: P50 100 ms, P95 500 ms, P99 1 s, errors under
/// 0.1 %, at least 99 % of the requested rate achieved. The load comes from two harness processes, each offering half
/// from one start time, whose runs are merged into the report judged, as the cluster gate's pods are. The script's
/// output (the run's summary) is the test's output.
/// </summary>
public sealed class LoadGateTests(ITestOutputHelper output)
{
    /// <summary>Building in Release, seeding and 30 s of load take about a minute; far longer means something hangs.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task The_mixed_load_at_the_ci_rate_holds_the_gates_latency_error_and_throughput_thresholds()
    {
        var root = RepositoryRoot();
        var results = Path.Combine(root, ".test-results", "load-gate");
        var lines = new List<string>();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "tests", "load", "run-load-test.sh"), "ci"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Ports of its own, so a `make run` or a benchmark on the default ports does not stop the gate.
            Environment = { ["PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), ["DYNAMODB_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), ["RESULTS_DIR"] = results },
        };
        using var script = new Process { StartInfo = start };
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
                output.WriteLine(line);
            }
        };
        script.OutputDataReceived += keep;
        script.ErrorDataReceived += keep;
        script.Start();
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(GiveUpAfter);
        try
        {
            await script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // TERM first: the script's trap stops the API and DynamoDB Local it started.
            using (var term = Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            if (!script.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                script.Kill(entireProcessTree: true);
            }
            Assert.Fail($"the load gate did not finish within {GiveUpAfter.TotalMinutes:F0} minutes");
        }
        script.WaitForExit();

        string verdict;
        lock (lines)
        {
            verdict = string.Join('\n', lines.SkipWhile(l => !l.StartsWith("merged", StringComparison.Ordinal) && !l.StartsWith("thresholds", StringComparison.Ordinal)).Take(12));
        }
        Assert.True(script.ExitCode == 0, script.ExitCode switch
        {
            1 => $"a threshold of the load gate failed:\n{verdict}",
            _ => $"the load gate could not run (exit {script.ExitCode}); see the test output",
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetBuddy.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no BudgetBuddy.sln above {AppContext.BaseDirectory}");
    }
}
