using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>One scenario step's share of a run: its weight, requests (dropped ones included), failures and latency.</summary>
internal sealed record StepSummary(string Name, int Weight, long Count, long Errors, LatencySummary Latency);
