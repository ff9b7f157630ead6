using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Reports;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// One load-test run from start to end: check the API and the seed, run the scenario's model over the schedule, take
/// the CPU split and the API's DynamoDB calls over the measured window, then summarise, check the thresholds, write
/// the JSON summary and print it.
/// </summary>
internal static class LoadTestRun
{
    /// <returns>0 when every threshold held; 1 when one did not; 2 when the run is void (harness fault).</returns>
    public static async Task<int> RunAsync(LoadTestOptions options, SeedManifest seed, CancellationToken ct)
    {
        var schedule = new Schedule(options.Rate, options.WarmupSeconds, options.DurationSeconds);
        var scenario = options.Scenario;
        var closed = scenario.Model == LoadModel.Closed;
        var runLength = TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds);
        if (seed.TokensExpireAt < DateTimeOffset.UtcNow + runLength + TimeSpan.FromMinutes(1))
        {
            throw new BenchmarkFailedException($"the seed's tokens expire at {seed.TokensExpireAt:u}, before this run would end: seed again.");
        }
        if (!string.Equals(seed.Target, options.Target.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"note: the seed was made through {seed.Target}; loading {options.Target} (fine if both use the same DynamoDB).");
        }

        using var probe = new ApiClient(options.Target, 2);
        await RequireReadyAsync(probe, ct);
        var data = LoadData.From(seed);
        Console.WriteLine($"{scenario.Name}: {(closed ? $"closed model, {options.Connections} connections" : "open model")}, "
            + $"{LoadTestCommand.Rate(options.Rate)} requests/s, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s measured "
            + $"({schedule.TotalRequests} requests), {data.Users.Count} users in {data.Tenants} tenants, target {options.Target}");

        var recorder = new LoadRecorder([.. scenario.Steps.Select(s => s.Name)], schedule, Stopwatch.Frequency, options.LateAfter, options.RequestTimeout);
        var startedAt = DateTimeOffset.UtcNow;
        using var open = closed ? null : new OpenModel(options.Target, schedule, options.MaxInFlight, options.RequestTimeout);
        using var closedModel = closed ? new ClosedModel(options.Target, schedule, options.Connections, options.RequestTimeout) : null;
        if (closedModel is not null)
        {
            var opening = Stopwatch.StartNew();
            var opened = await closedModel.OpenAsync(ct);
            Console.WriteLine($"opened {opened} of {options.Connections} connections in {opening.Elapsed.TotalSeconds:F1} s "
                + $"({TcpConnections.EstablishedTo(options.Target.Port)?.ToString(CultureInfo.InvariantCulture) ?? "?"} established to port {options.Target.Port})");
            if (opened < options.Connections)
            {
                throw new BenchmarkFailedException($"only {opened} of {options.Connections} connections could be opened (file descriptors? ulimit -n is per process)");
            }
        }
        var t0 = OpenModel.NextT0();
        var runner = new RequestRunner(scenario, data, recorder, options.RunSeed, t0);
        var window = MeasureWindowAsync(probe, options, t0, closed, ct);
        if (open is not null)
        {
            await open.RunAsync(runner, ct);
        }
        else
        {
            await closedModel!.RunAsync(runner, ct);
        }
        var measured = await window;
        var finishedAt = DateTimeOffset.UtcNow;

        var recorded = recorder.Result();
        var summary = LoadSummaryBuilder.Build(options, recorded, startedAt, finishedAt, measured.Cpu);
        var file = await WriteAsync(summary, options.ResultsDir, ct);

        Console.WriteLine();
        Console.Write(LoadConsoleReport.Render(summary, new RunNotes(
            seed,
            open?.PeakInFlight,
            measured.ConnectionsAtStart,
            measured.ConnectionsAtEnd,
            measured.StorageCalls(recorded.Sent))));
        Console.WriteLine($"results: {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        foreach (var report in await LoadReports.WriteAsync(file, Path.GetDirectoryName(file)!, ct))
        {
            Console.WriteLine($"report:  {Path.GetRelativePath(Environment.CurrentDirectory, report)}");
        }

        if (runner.Fault is { } fault)
        {
            await Console.Error.WriteLineAsync($"error: the harness failed on a request, so the run is void: {fault}");
            return 2;
        }
        return summary.Passed ? 0 : 1;
    }

    private static async Task RequireReadyAsync(ApiClient probe, CancellationToken ct)
    {
        try
        {
            var (status, body) = await probe.GetTextAsync("/actuator/health/readiness", ct);
            if (status != HttpStatusCode.OK)
            {
                throw new BenchmarkFailedException($"{probe.Target} is not ready ({(int)status}): {body}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new BenchmarkFailedException($"{probe.Target} does not answer: {e.Message}", e);
        }
    }

    // CPU shares, the API's DynamoDB calls and (closed model) open connections, from the start of the measured window to its end.
    private static async Task<MeasuredWindow> MeasureWindowAsync(ApiClient probe, LoadTestOptions options, long t0, bool countConnections, CancellationToken ct)
    {
        await DelayUntilAsync(t0, options.WarmupSeconds, ct);
        var cpu = CpuSampler.Start(options.CpuOf);
        var before = await ServerMetrics.ReadAsync(probe, ct);
        var port = options.Target.Port;
        var atStart = countConnections ? TcpConnections.EstablishedTo(port) : null;
        await DelayUntilAsync(t0, options.WarmupSeconds + options.DurationSeconds, ct);
        var usage = cpu.Stop();
        var atEnd = countConnections ? TcpConnections.EstablishedTo(port) : null;
        var after = await ServerMetrics.ReadAsync(probe, ct);
        return new MeasuredWindow(usage, before, after, atStart, atEnd);
    }

    private static async Task DelayUntilAsync(long t0, int seconds, CancellationToken ct)
    {
        var at = t0 + seconds * Stopwatch.Frequency;
        var wait = at - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct);
        }
    }

    private static async Task<string> WriteAsync(LoadSummary summary, string resultsDir, CancellationToken ct)
    {
        Directory.CreateDirectory(resultsDir);
        var file = Path.Combine(resultsDir, $"{summary.Scenario}-{summary.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, summary, LoadSummaryJson.Default.LoadSummary, ct);
        return file;
    }
}
