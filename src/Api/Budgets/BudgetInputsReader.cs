using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Budgets;

/// <summary>
/// Reads the inputs of a budget month or a report: the settings item and, at the same time, one Query. In the user's partition the sort keys
/// <c>ACCOUNT#</c> &lt; <c>BUDGET#</c> &lt; <c>CARD#</c> &lt; <c>CATEGORY#</c> are neighbours, so one key range holds the
/// accounts, the buckets and the categories; three reads (four while no home currency is set) become one round trip
/// and one call for the store to serve. The range also passes the user's cards and buckets of other months: a user
/// has a handful of those, and they are skipped here.
/// </summary>
internal sealed class BudgetInputsReader(UserItems items, SettingsStore settings)
{
    /// <summary>The first sort key of the range.</summary>
    public const string From = AccountItem.SortKeyPrefix;

    /// <summary>
    /// The last sort key of the range. A unit test lists every sort-key prefix of the API and fails if one of a
    /// large collection (transactions, changes) falls inside it.
    /// </summary>
    public const string To = CategoryItem.SortKeyPrefix + "~";

    /// <summary>The buckets from <paramref name="fromMonth"/> (or the beginning) through <paramref name="toMonth"/>, and the rest.</summary>
    public async Task<BudgetInputs> ReadAsync(Caller caller, string? fromMonth, string toMonth, CancellationToken ct)
    {
        var firstBucket = BucketKey.FirstSortKey(fromMonth);
        var lastBucket = BucketKey.LastSortKey(toMonth);
        // Two independent reads, one round trip.
        var stored = settings.StoredHomeCurrencyAsync(caller, ct);
        var range = items.RangeAsync(caller.Tenant.LedgerTable, caller.UserId, From, To, ct);
        await Task.WhenAll(stored, range);
        var accounts = new List<Account>();
        var buckets = new List<BudgetEntry>();
        var categories = new List<Category>();
        foreach (var item in await range)
        {
            var sortKey = item[LedgerTable.SortKey].S;
            if (sortKey.StartsWith(AccountItem.SortKeyPrefix, StringComparison.Ordinal))
            {
                accounts.Add(AccountItem.FromItem(item));
            }
            else if (sortKey.StartsWith(BucketKey.SortKeyPrefix, StringComparison.Ordinal))
            {
                if (string.CompareOrdinal(sortKey, firstBucket) >= 0 && string.CompareOrdinal(sortKey, lastBucket) <= 0)
                {
                    buckets.Add(BudgetBucketItem.FromItem(item));
                }
            }
            else if (sortKey.StartsWith(CategoryItem.SortKeyPrefix, StringComparison.Ordinal))
            {
                categories.Add(CategoryItem.FromItem(item));
            }
        }
        // Ids are time-ordered, so the first account in key order is the first one opened.
        return new BudgetInputs(await stored ?? (accounts.Count > 0 ? accounts[0].Currency : null), accounts, buckets, categories);
    }
}
