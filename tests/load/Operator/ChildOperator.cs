using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.TestSupport;

namespace BudgetBuddy.Load.Operator;

/// <summary>
/// The operator binary as a child process, so its memory is its own: the kernel's high-water mark of its resident set
/// (VmHWM) is the peak, with nothing of this tool or the fake API server mixed in.
/// </summary>
internal sealed partial class ChildOperator : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;
    private readonly Queue<string> lastLines = new();

    private ChildOperator(Process process, int port)
    {
        this.process = process;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int ProcessId => process.Id;

    public static ChildOperator Start(OperatorOptions options, string kubernetesUrl, string ns)
    {
        if (!File.Exists(options.OperatorDll))
        {
            throw new BenchmarkFailedException($"no operator binary at {options.OperatorDll}: build src/Operator (make bench BENCH=operator does).");
        }
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            options.OperatorDll, "run",
            "--kubernetes-url", kubernetesUrl,
            "--watch-namespace", ns,
            "--leader-election", "false",
            "--concurrency", options.OperatorConcurrency.ToString(CultureInfo.InvariantCulture),
            "--endpoint", options.DynamoDbUrl,
            "--table-prefix", options.TablePrefix,
            "--urls", $"http://127.0.0.1:{port}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        // As deployed: Production, warnings and up only (an Information line per reconcile would measure logging).
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = start };
        var child = new ChildOperator(process, port);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new BenchmarkFailedException($"the operator exited with {process.ExitCode}:{Environment.NewLine}{LastLines}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, ct);
        }
        throw new BenchmarkFailedException($"the operator did not serve /healthz within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{LastLines}");
    }

    /// <summary>Reconciles by result (success, requeue, error), from the operator's own <c>/metrics</c>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReconcilesAsync(CancellationToken ct)
    {
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
        return ReconcileTotal().Matches(metrics).ToDictionary(
            m => m.Groups["result"].Value,
            m => (long)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
    }

    /// <summary>Peak and current resident set (VmHWM, VmRSS) in bytes, and CPU time so far.</summary>
    public ChildResources Resources()
    {
        process.Refresh();
        long Kb(string field) => File.ReadLines($"/proc/{process.Id}/status")
            .Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024)
            .Single();
        return new ChildResources(Kb("VmHWM"), Kb("VmRSS"), process.TotalProcessorTime);
    }

    public string LastLines
    {
        get
        {
            lock (lastLines)
            {
                return lastLines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, lastLines);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20)
            {
                lastLines.Dequeue();
            }
        }
    }

    [GeneratedRegex("""^budgetbuddy_operator_reconcile_total\{result="(?<result>[a-z]+)"\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex ReconcileTotal();
}
