using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Exports;

/// <summary>Pages through all of a user's items of one kind, a bounded page at a time, so an export never holds them all.</summary>
internal sealed class UserDataPages(UserItems items)
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> ReadAsync(
        Caller caller, string sortKeyPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var page = await items.QueryPageAsync(caller.Tenant.LedgerTable, caller.UserId, sortKeyPrefix, PageSize, after, ct);
            foreach (var item in page.Items)
            {
                yield return item;
            }
            after = page.ContinueAfter;
        }
        while (after is not null);
    }
}
