using HdrHistogram;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>One step's requests (dropped ones included, as failures).</summary>
internal sealed record RecordedStep(string Name, long Count, long Errors, HistogramBase Latency);
