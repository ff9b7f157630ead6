using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Exports;

/// <summary>Pages through all of a user's items of one kind, a bounded page at a time, so an export never holds them all.</summary>
internal sealed class UserDataPages(UserItems items, SensitiveFields sensitiveFields)
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> ReadAsync(
        Caller caller, string sortKeyPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in ReadPagesAsync(caller, sortKeyPrefix, ct))
        {
            foreach (var item in page)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// The user's transactions, revealed a page at a time: the page's disclosure of sensitive ones is recorded (one
    /// audit record per page) before any of it is handed on to be written.
    /// </summary>
    public async IAsyncEnumerable<Transaction> TransactionsAsync(Caller caller, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in ReadPagesAsync(caller, TransactionItem.SortKeyPrefix, ct))
        {
            foreach (var transaction in await sensitiveFields.RevealAsync(caller, [.. page.Select(TransactionItem.FromItem)], audit: true, ct))
            {
                yield return transaction;
            }
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<Dictionary<string, AttributeValue>>> ReadPagesAsync(
        Caller caller, string sortKeyPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var page = await items.QueryPageAsync(caller.Tenant.LedgerTable, caller.UserId, sortKeyPrefix, PageSize, after, ct);
            yield return page.Items;
            after = page.ContinueAfter;
        }
        while (after is not null);
    }
}
