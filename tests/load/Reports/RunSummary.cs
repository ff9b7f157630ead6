using System.Text.Json;

namespace BudgetBuddy.Load.Reports;

/// <summary>
/// A load test run's JSON summary as the reports read it (<c>tests/load/results/&lt;name&gt;.json</c>, written by the
/// harness). Every field may be missing: lists then read as empty and optional figures as null, so a partial summary
/// still renders.
/// </summary>
internal sealed record RunSummary
{
    public string Scenario { get; init => field = value ?? ""; } = "";

    /// <summary><c>open</c> (arrivals at a fixed rate) or <c>closed</c> (each connection waits for its answer).</summary>
    public string Model { get; init => field = value ?? ""; } = "";

    public string Target { get; init => field = value ?? ""; } = "";

    /// <summary>What a reader must know about the target (the raw storage path says what it is); null for the API.</summary>
    public string? Note { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Requests per second the open model aimed at; null in a closed model.</summary>
    public double? RequestedRate { get; init; }

    public double DurationSeconds { get; init; }

    public double WarmupSeconds { get; init; }

    /// <summary>Connections of a closed model; null in an open one.</summary>
    public int? Connections { get; init; }

    public long Sent { get; init; }

    public long Completed { get; init; }

    public long Errors { get; init; }

    /// <summary>Requests sent later than their scheduled time (the generator could not keep up).</summary>
    public long Late { get; init; }

    /// <summary>Requests never sent.</summary>
    public long Dropped { get; init; }

    public double AchievedRate { get; init; }

    public RunLatency Latency { get; init => field = value ?? new(); } = new();

    public IReadOnlyList<RunStep> Steps { get; init => field = value ?? []; } = [];

    public IReadOnlyList<RunInterval> Intervals { get; init => field = value ?? []; } = [];

    public IReadOnlyList<RunPercentile> Distribution { get; init => field = value ?? []; } = [];

    public IReadOnlyList<RunErrorSample> ErrorSamples { get; init => field = value ?? []; } = [];

    public IReadOnlyList<RunThreshold> Thresholds { get; init => field = value ?? []; } = [];

    /// <summary>The harness's verdict; when missing, the run passed if every threshold did.</summary>
    public bool? Passed { get; init; }

    public RunMachine? Machine { get; init; }

    /// <summary>How busy the cores were; its shape belongs to the harness, so the reports list whatever it holds.</summary>
    public JsonElement? Cpu { get; init; }

    /// <summary>The verdict the reports show (see <see cref="Passed"/>).</summary>
    public bool RunPassed => Passed ?? Thresholds.All(t => t.Passed);
}
