namespace BudgetBuddy.Load.Operator;

/// <summary>What the operator process used: peak and current resident set in bytes, and CPU time.</summary>
internal sealed record ChildResources(long PeakResidentBytes, long ResidentBytes, TimeSpan CpuTime);
