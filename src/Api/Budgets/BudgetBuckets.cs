using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Budgets;

/// <summary>Reads a user's budget buckets: one key-range Query over <c>BUDGET#&lt;month&gt;…</c>, never the transactions.</summary>
internal sealed class BudgetBuckets(UserItems items)
{
    /// <summary>Every bucket from <paramref name="fromMonth"/> (or the beginning) through <paramref name="toMonth"/>.</summary>
    public async Task<List<BudgetEntry>> ReadAsync(Caller caller, string? fromMonth, string toMonth, CancellationToken ct) =>
        [.. (await items.RangeAsync(caller.Tenant.LedgerTable, caller.UserId, BucketKey.FirstSortKey(fromMonth), BucketKey.LastSortKey(toMonth), ct))
            .Select(BudgetBucketItem.FromItem)];
}
