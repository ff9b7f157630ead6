namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/reports/…</c>: the same reads as a budget month, as the API makes them (<see cref="LedgerReads.BudgetInputsAsync"/>),
/// whichever report it is.
/// </summary>
internal sealed class GetReportPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, CancellationToken ct)
    {
        await session.Reads.BudgetInputsAsync(user, ct);
        return StorageAnswer.Ok();
    }
}
