namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/budgets/{month}</c>: two reads at once, as the API overlaps them: the profile (a home currency the user
/// set) and one key range holding the accounts (the first one's currency otherwise), the buckets and the categories.
/// </summary>
internal sealed class GetBudgetPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, BudgetMonthRead call, CancellationToken ct)
    {
        await ComputeAsync(user, call.Month, ct);
        return StorageAnswer.Ok();
    }

    /// <summary>The reads behind a budget month (also the answer of an assignment).</summary>
    public Task ComputeAsync(LedgerUser user, string month, CancellationToken ct) => Task.WhenAll(
        session.Reads.GetAsync(user, LedgerItems.Profile, ct),
        session.Reads.BudgetInputsAsync(user, ct));
}
