using System.Diagnostics;
using System.Globalization;
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
    private readonly ServingProcess process;
    private readonly HttpClient http;

    private ChildOperator(ServingProcess process)
    {
        this.process = process;
        http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public int ProcessId => process.Process.Id;

    public static ChildOperator Start(OperatorOptions options, string kubernetesUrl, string ns)
    {
        if (!File.Exists(options.OperatorDll))
        {
            throw new BenchmarkFailedException($"no operator binary at {options.OperatorDll}: build src/Operator (make bench BENCH=operator does).");
        }
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet");
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
        return new ChildOperator(ServingProcess.Start(start, new Uri($"http://127.0.0.1:{port}"), "the operator"));
    }

    public async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await process.WaitUntilServingAsync("/healthz", timeout, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new BenchmarkFailedException($"{e.Message.Split(Environment.NewLine)[0]}{Environment.NewLine}{LastLines}");
        }
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
        process.Process.Refresh();
        long Kb(string field) => File.ReadLines($"/proc/{process.Process.Id}/status")
            .Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024)
            .Single();
        return new ChildResources(Kb("VmHWM"), Kb("VmRSS"), process.Process.TotalProcessorTime);
    }

    public string LastLines => process.Tail(20);

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        http.Dispose();
    }

    [GeneratedRegex("""^budgetbuddy_operator_reconcile_total\{result="(?<result>[a-z]+)"\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex ReconcileTotal();
}
