namespace BudgetBuddy.Load.Storage;

/// <summary>The API's wait between retries of a write that lost a race: full jitter over a window doubling per attempt, up to 100 ms.</summary>
internal static class Backoff
{
    public static TimeSpan Jittered(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(100, 2 << Math.Min(attempt, 6))));
}
