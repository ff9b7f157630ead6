namespace BudgetBuddy.Load.Bench;

/// <summary>One figure of the bench against its target: <see cref="Met"/> is null where there is no target to meet or nothing was measured.</summary>
internal sealed record BenchLine(string Figure, string Target, string Measured, bool? Met, string Notes);
