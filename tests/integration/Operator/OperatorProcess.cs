using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TestSupport;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// The operator binary (<c>budgetbuddy-operator run</c>) as a child process, so a test can kill it as a node failure
/// would (SIGKILL: no drain, no Lease release) or stop it as Kubernetes does (SIGTERM). In-process hosts cannot be
/// killed: their background tasks outlive a disposed host.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    private readonly ServingProcess process;
    private readonly HttpClient http;

    private OperatorProcess(ServingProcess process)
    {
        this.process = process;
        http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public string Identity => process.Name;

    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts the binary from the test's output folder, where the build copies it. <paramref name="dynamoDbUrl"/> puts
    /// something between this process and DynamoDB Local (a recording proxy); by default it talks to it directly.
    /// </summary>
    /// <param name="kubernetesUrl">Another API server than the fixture's: a second cluster sharing its DynamoDB.</param>
    public static OperatorProcess Start(OperatorFixture fixture, string identity, TimeSpan leaseDuration, string leaseName, string? dynamoDbUrl = null, string? kubernetesUrl = null, string? clusterName = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet");
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "budgetbuddy-operator.dll"), "run",
            "--kubernetes-url", kubernetesUrl ?? fixture.Kube.BaseUrl,
            "--endpoint", dynamoDbUrl ?? fixture.DynamoDbLocal.ServiceUrl,
            "--table-prefix", fixture.TablePrefix,
            "--watch-namespace", OperatorFixture.Namespace,
            "--lease-namespace", OperatorFixture.Namespace,
            "--lease-name", leaseName,
            "--lease-duration-seconds", ((int)leaseDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "--identity", identity,
            "--resync-minutes", "1",
            "--urls", $"http://127.0.0.1:{port}",
            "--kek-file", TestKek.FilePath,
        })
        {
            start.ArgumentList.Add(arg);
        }
        if (clusterName is not null)
        {
            start.ArgumentList.Add("--cluster-name");
            start.ArgumentList.Add(clusterName);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Information";

        return new OperatorProcess(ServingProcess.Start(start, new Uri($"http://127.0.0.1:{port}"), identity));
    }

    /// <summary>Waits until <c>/healthz</c> answers: the host is up and serving metrics.</summary>
    public Task WaitUntilServingAsync(TimeSpan timeout) => process.WaitUntilServingAsync("/healthz", timeout);

    /// <summary>Reconciles this process has finished, whatever their result, read from its <c>/metrics</c>.</summary>
    public async Task<double> ReconcileCountAsync()
    {
        var metrics = await MetricsAsync();
        return ReconcileTotal().Matches(metrics).Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The process's <c>/metrics</c> page, in Prometheus text format.</summary>
    public Task<string> MetricsAsync() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    public async Task<HttpStatusCode> ReadyzAsync()
    {
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>SIGKILL: the process ends at once, mid-whatever, as on a node failure or an OOM kill.</summary>
    public Task KillAsync() => process.KillAsync();

    /// <summary>
    /// SIGSTOP: the process freezes mid-whatever, as in a long GC pause, a throttled container or a VM migration; its
    /// sockets stay open and its clocks go on, so on <see cref="ResumeAsync"/> it wakes believing no time has passed.
    /// </summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a process stopped by <see cref="PauseAsync"/> runs on from where it stood.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>SIGTERM, as the kubelet sends before a pod goes: in-flight work drains and the Lease is released.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        await SignalAsync("-TERM");
        using var limit = new CancellationTokenSource(timeout);
        await process.Process.WaitForExitAsync(limit.Token);
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Process.Id} failed with {kill.ExitCode}.");
        }
    }

    /// <summary>The process's recent log lines, for failure messages.</summary>
    public string Output => process.Output;

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        http.Dispose();
        TestLogArchive.Append("operator-process", process.AllOutput);
    }

    [GeneratedRegex(@"^budgetbuddy_operator_reconcile_total\{[^}]*\} (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex ReconcileTotal();
}
