namespace BudgetBuddy.TenantContracts;

/// <summary>
/// Waits between retries of writes that lost a race, for the API and for the load tool's raw storage path, which must
/// wait as the API does.
/// </summary>
public static class Backoff
{
    /// <summary>
    /// Full jitter over a window that doubles per attempt up to 100 ms: racing writers spread out instead of
    /// colliding again in lockstep.
    /// </summary>
    public static TimeSpan Jittered(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(100, 2 << Math.Min(attempt, 6))));
}
