namespace BudgetBuddy.Load.Storage;

/// <summary><c>GET /v1/transactions/{id}</c>: one strongly consistent get; a transaction that is not there is a 404.</summary>
internal sealed class GetTransactionPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, TransactionRead call, CancellationToken ct) =>
        await session.Reads.GetAsync(user, LedgerItems.TransactionPrefix + call.Id, ct) is null
            ? StorageAnswer.Refused(404, $"No transaction with id '{call.Id}' exists.")
            : StorageAnswer.Ok();
}
