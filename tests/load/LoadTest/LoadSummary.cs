using System.Text.Json.Serialization;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// The JSON summary of a load-test run (<c>tests/load/results/&lt;scenario&gt;-&lt;yyyyMMdd-HHmmss&gt;.json</c>), from
/// which the Markdown and HTML reports are rendered. Its shape is a contract with the report renderer: change both
/// together. Counts are of the measured window only (warm-up excluded).
/// </summary>
/// <param name="Target">The API's base URL, or <c>dynamodb-direct:&lt;url&gt;</c> for the raw storage path.</param>
/// <param name="Model"><c>open</c> (requests due at t0 + i/rate) or <c>closed</c> (a fixed set of connections, each pacing itself).</param>
/// <param name="Connections">The closed model's connection count; null for the open model.</param>
/// <param name="Sent">Requests that went out; dropped ones did not.</param>
/// <param name="Completed">Sent requests answered with a 2xx.</param>
/// <param name="Errors">Sent requests that failed: a non-2xx answer or none at all.</param>
/// <param name="Late">Sent requests that went out more than the late threshold after they were due.</param>
/// <param name="Dropped">Requests due while the in-flight cap was reached, never sent; counted as errors by thresholds.</param>
/// <param name="AchievedRate">Completed requests a second of the measured window.</param>
/// <param name="Latency">From each request's due time to its answer; dropped requests count as the request timeout.</param>
/// <param name="Intervals">Per second of the measured window, by due time; <c>ratePerSecond</c> counts successful answers that arrived in that second.</param>
/// <param name="Distribution">The latency's percentile spectrum, for a plot of the distribution.</param>
/// <param name="Note">What a reader must know about the target (the raw storage path says what it is); left out for the API.</param>
internal sealed record LoadSummary(
    string Scenario,
    string Model,
    string Target,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double RequestedRate,
    int DurationSeconds,
    int WarmupSeconds,
    int? Connections,
    long Sent,
    long Completed,
    long Errors,
    long Late,
    long Dropped,
    double AchievedRate,
    LatencySummary Latency,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyList<IntervalSummary> Intervals,
    IReadOnlyList<PercentilePoint> Distribution,
    IReadOnlyList<ErrorSample> ErrorSamples,
    IReadOnlyList<ThresholdResult> Thresholds,
    bool Passed,
    MachineInfo Machine,
    CpuUsage? Cpu,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null);
