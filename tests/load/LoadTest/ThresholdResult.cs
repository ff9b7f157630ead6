namespace BudgetBuddy.Load.LoadTest;

/// <summary>A threshold checked against a run: <c>{"name": "p99", "limit": "&lt;= 1000 ms", "actual": "42.1 ms", "passed": true}</c>.</summary>
internal sealed record ThresholdResult(string Name, string Limit, string Actual, bool Passed);
