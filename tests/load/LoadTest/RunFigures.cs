using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>The figures of a run that thresholds are checked against.</summary>
/// <param name="Sent">Requests of the measured window that went out (dropped ones did not).</param>
/// <param name="Errors">Sent requests that failed: a non-2xx answer, or none (timeout, connection refused).</param>
/// <param name="Late">Sent requests that went out more than the late threshold after they were due.</param>
/// <param name="Dropped">Requests that were due while the in-flight cap was reached, and so were never sent.</param>
/// <param name="AchievedRate">Successful answers per second of the measured window.</param>
internal sealed record RunFigures(
    double RequestedRate, long Sent, long Errors, long Late, long Dropped, double AchievedRate, LatencySummary Latency);
