namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/reports/…</c>: the same two reads at once as a budget month, as the API makes them: the profile, and the
/// one key range holding the accounts, the buckets and the categories, whichever report it is.
/// </summary>
internal sealed class GetReportPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, CancellationToken ct)
    {
        await Task.WhenAll(
            session.Reads.GetAsync(user, LedgerItems.Profile, ct),
            session.Reads.BudgetInputsAsync(user, ct));
        return StorageAnswer.Ok();
    }
}
