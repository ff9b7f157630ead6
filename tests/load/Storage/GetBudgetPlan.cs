namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/budgets/{month}</c>: three independent reads at once, as the API overlaps them: the home currency
/// (the profile, then the first account when the profile has none), every budget bucket up to the month, and every
/// category.
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
        session.Reads.HomeCurrencyAsync(user, ct),
        session.Reads.BucketsAsync(user, fromMonth: null, month, ct),
        session.Reads.AllAsync(user, LedgerItems.CategoryPrefix, ct));
}
