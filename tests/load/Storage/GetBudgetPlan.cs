namespace BudgetBuddy.Load.Storage;

/// <summary><c>GET /v1/budgets/{month}</c>: the budget's inputs, two reads at once (<see cref="LedgerReads.BudgetInputsAsync"/>).</summary>
internal sealed class GetBudgetPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, CancellationToken ct)
    {
        await session.Reads.BudgetInputsAsync(user, ct);
        return StorageAnswer.Ok();
    }
}
