namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/reports/…</c>: the home currency first (without one there is no money to report, and nothing more is
/// read), then the budget buckets of the range (from the beginning for net worth), then the categories (spending by
/// category) or every account (net worth), one after another as the API reads them.
/// </summary>
internal sealed class GetReportPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, ReportRead call, CancellationToken ct)
    {
        if (await session.Reads.HomeCurrencyAsync(user, ct) is null)
        {
            return StorageAnswer.Ok();
        }
        var fromMonth = call.Kind == ReportKind.NetWorth ? null : call.FromMonth;
        await session.Reads.BucketsAsync(user, fromMonth, call.ToMonth, ct);
        switch (call.Kind)
        {
            case ReportKind.SpendingByCategory:
                await session.Reads.AllAsync(user, LedgerItems.CategoryPrefix, ct);
                break;
            case ReportKind.NetWorth:
                await session.Reads.AllAsync(user, LedgerItems.AccountPrefix, ct);
                break;
            case ReportKind.SpendingByMonth:
            case ReportKind.IncomeExpense:
                break;
        }
        return StorageAnswer.Ok();
    }
}
