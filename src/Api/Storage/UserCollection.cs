using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// One kind of the caller's items (accounts, categories, ...) under a sort-key prefix: get, page, conditional update
/// and delete, all inside the caller's own partition of the tenant's ledger and all recorded in the change feed.
/// </summary>
internal sealed class UserCollection<T>(
    UserItems items,
    VersionedItems versioned,
    string name,
    string entityType,
    string sortKeyPrefix,
    Func<Dictionary<string, AttributeValue>, T> fromItem)
{
    /// <summary>The collection's name, which tags its pagination cursors.</summary>
    public string Name => name;

    public string SortKey(string id) => sortKeyPrefix + id;

    /// <summary>The change-feed entry for the entity with <paramref name="id"/>.</summary>
    public ChangedEntity Change(string id, ChangeOp op = ChangeOp.Upsert) => new(entityType, id, op, SortKey(id));

    public PageRequest? ParsePage(int? limit, string? cursor, ValidationErrors errors) =>
        PageRequest.Parse(limit, cursor, name, IsSortKey, errors);

    private bool IsSortKey(string key) =>
        key.StartsWith(sortKeyPrefix, StringComparison.Ordinal) && ResourceId.IsWellFormed(key[sortKeyPrefix.Length..]);

    public async Task<T?> GetAsync(Caller caller, string id, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, SortKey(id), ct);
        return item is null ? default : fromItem(item);
    }

    public async Task<ListResponse<T>> ListAsync(Caller caller, PageRequest page, CancellationToken ct)
    {
        var result = await items.QueryPageAsync(caller.Tenant.LedgerTable, caller.UserId, sortKeyPrefix, page.Limit, page.After, ct);
        return new ListResponse<T>(
            result.Items.Select(fromItem).ToList(),
            result.ContinueAfter is null ? null : PageCursor.Encode(name, result.ContinueAfter));
    }

    /// <param name="plan">The changes to make, given the current state; no changes leave the item untouched.</param>
    public async Task<WriteOutcome<T>> UpdateAsync(
        Caller caller, ICommitAudit? audit, string id, long? requiredVersion, Func<T, ItemChanges> plan, CancellationToken ct)
    {
        var outcome = await versioned.UpdateAsync(caller, audit, Change(id), requiredVersion, current => plan(fromItem(current)), ct);
        return new WriteOutcome<T>(outcome.Status, outcome.Value is null ? default : fromItem(outcome.Value));
    }

    public Task<WriteStatus> DeleteAsync(Caller caller, ICommitAudit? audit, string id, long? requiredVersion, CancellationToken ct, DeleteGuard? guard = null) =>
        versioned.DeleteAsync(caller, audit, Change(id, ChangeOp.Delete), requiredVersion, ct, guard);
}
