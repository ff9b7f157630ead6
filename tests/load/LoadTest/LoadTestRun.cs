using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Reports;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// One load-test run from start to end: check the target and the seed, run the scenario's model over the schedule,
/// take the CPU split and the DynamoDB calls over the measured window, then summarise, check the thresholds, write
/// the JSON summary and print it. The target is the API over HTTP or the raw storage path; nothing else differs.
/// </summary>
internal static class LoadTestRun
{
    /// <returns>0 when every threshold held; 1 when one did not; 2 when the run is void (harness fault).</returns>
    public static async Task<int> RunAsync(LoadTestOptions options, SeedManifest seed, ILoadTarget target, CancellationToken ct)
    {
        var schedule = new Schedule(options.Rate, options.WarmupSeconds, options.DurationSeconds);
        var scenario = options.Scenario;
        var closed = scenario.Model == LoadModel.Closed;
        // Connections are the API's: the closed model is a test of its HTTP server, nothing the storage path has.
        var api = target as ApiTarget;
        if (closed && api is null)
        {
            throw new BenchmarkFailedException($"{scenario.Name} is a closed-model scenario of HTTP connections; it loads the API only.");
        }
        var runLength = TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds);
        await target.RequireReadyAsync(seed, runLength, ct);

        var data = LoadData.From(seed);
        Console.WriteLine($"{scenario.Name}: {(closed ? $"closed model, {options.Connections} connections" : "open model")}, "
            + $"{LoadTestCommand.Rate(options.Rate)} requests/s, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s measured "
            + $"({schedule.TotalRequests} requests), {data.Users.Count} users in {data.Tenants} tenants, target {target.Name}");

        var recorder = new LoadRecorder([.. scenario.Steps.Select(s => s.Name)], schedule, Stopwatch.Frequency, options.LateAfter, options.RequestTimeout);
        var startedAt = DateTimeOffset.UtcNow;
        var open = closed ? null : new OpenModel(schedule, options.MaxInFlight, target.Sender);
        using var closedModel = closed ? new ClosedModel(api!.Url, schedule, options.Connections, options.RequestTimeout) : null;
        if (closedModel is not null)
        {
            var opening = Stopwatch.StartNew();
            var opened = await closedModel.OpenAsync(ct);
            Console.WriteLine($"opened {opened} of {options.Connections} connections in {opening.Elapsed.TotalSeconds:F1} s "
                + $"({TcpConnections.EstablishedTo(api!.Url.Port)?.ToString(CultureInfo.InvariantCulture) ?? "?"} established to port {api.Url.Port})");
            if (opened < options.Connections)
            {
                throw new BenchmarkFailedException($"only {opened} of {options.Connections} connections could be opened (file descriptors? ulimit -n is per process)");
            }
        }
        var t0 = options.StartAt is { } startAt ? TicksAt(startAt) : OpenModel.NextT0();
        var runner = new RequestRunner(scenario, data, recorder, options.RunSeed, t0);
        var window = MeasureWindowAsync(target, options, t0, closed ? api!.Url.Port : null, ct);
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
        var summary = LoadSummaryBuilder.Build(options, target.Name, options.Note ?? target.Note, recorded, startedAt, finishedAt, measured.Cpu);
        var file = await WriteAsync(summary, options.ResultsDir, target.ResultsSuffix, ct);
        await using (var log = File.Create(LatencyLog.PathFor(file)))
        {
            LatencyLog.Write(log, recorded, startedAt);
        }

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

    // CPU shares, the DynamoDB calls and (closed model) open connections, from the start of the measured window to its end.
    private static async Task<MeasuredWindow> MeasureWindowAsync(ILoadTarget target, LoadTestOptions options, long t0, int? connectionsToPort, CancellationToken ct)
    {
        await DelayUntilAsync(t0, options.WarmupSeconds, ct);
        var cpu = CpuSampler.Start(options.CpuOf);
        var before = await target.ReadCallsAsync(ct);
        var atStart = connectionsToPort is { } port ? TcpConnections.EstablishedTo(port) : null;
        await DelayUntilAsync(t0, options.WarmupSeconds + options.DurationSeconds, ct);
        var usage = cpu.Stop();
        var atEnd = connectionsToPort is { } samePort ? TcpConnections.EstablishedTo(samePort) : null;
        var after = await target.ReadCallsAsync(ct);
        return new MeasuredWindow(usage, before, after, atStart, atEnd);
    }

    /// <summary>The Stopwatch timestamp of a wall-clock time, which must lie ahead: another process's t0 as well.</summary>
    private static long TicksAt(DateTimeOffset at)
    {
        var ahead = at - DateTimeOffset.UtcNow;
        if (ahead <= TimeSpan.Zero)
        {
            throw new BenchmarkFailedException($"--start-at {at:O} has passed: the run would begin late and measure other seconds than its peers.");
        }
        return Stopwatch.GetTimestamp() + (long)(ahead.TotalSeconds * Stopwatch.Frequency);
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

    private static async Task<string> WriteAsync(LoadSummary summary, string resultsDir, string suffix, CancellationToken ct)
    {
        Directory.CreateDirectory(resultsDir);
        var file = Path.Combine(resultsDir, $"{summary.Scenario}{suffix}-{summary.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, summary, LoadSummaryJson.Default.LoadSummary, ct);
        return file;
    }
}
