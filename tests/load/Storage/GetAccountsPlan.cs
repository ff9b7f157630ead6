namespace BudgetBuddy.Load.Storage;

/// <summary><c>GET /v1/accounts</c>: the first page of the user's accounts (50), one query.</summary>
internal sealed class GetAccountsPlan(StorageSession session)
{
    private const int PageSize = 50;

    public async Task<StorageAnswer> RunAsync(LedgerUser user, CancellationToken ct)
    {
        await session.Reads.QueryPageAsync(user, LedgerItems.AccountPrefix, PageSize, null, ct);
        return StorageAnswer.Ok();
    }
}
