namespace BudgetBuddy.Load.LoadTest;

/// <summary>What a threshold's limit is measured in.</summary>
internal enum ThresholdUnit
{
    Milliseconds,
    Percent,
    PerSecond,
}
