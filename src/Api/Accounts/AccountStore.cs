using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Accounts;

/// <summary>Reads and writes of the caller's accounts in the tenant's ledger table.</summary>
internal sealed class AccountStore(UserItems items, VersionedItems versioned, TimeProvider time)
{
    public const string Collection = "accounts";

    public Account New(CreateAccountRequest request)
    {
        var now = time.GetUtcNow();
        var opening = request.OpeningBalance ?? 0;
        return new Account(
            ResourceId.New(now),
            request.Name!.Trim(),
            request.Type!.Value,
            request.Currency!,
            opening,
            opening,
            Closed: false,
            now,
            now,
            Version: 1);
    }

    public static TransactWriteItem PutNew(Caller caller, Account account) => new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = AccountItem.ToItem(caller.UserId, account),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        },
    };

    public async Task<Account?> GetAsync(Caller caller, string id, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, AccountItem.SortKey(id), ct);
        return item is null ? null : AccountItem.FromItem(item);
    }

    public async Task<ListResponse<Account>> ListAsync(Caller caller, PageRequest page, CancellationToken ct)
    {
        var result = await items.QueryPageAsync(caller.Tenant.LedgerTable, caller.UserId, AccountItem.SortKeyPrefix, page.Limit, page.After, ct);
        return new ListResponse<Account>(
            result.Items.Select(AccountItem.FromItem).ToList(),
            result.ContinueAfter is null ? null : PageCursor.Encode(Collection, result.ContinueAfter));
    }

    public async Task<(WriteStatus Status, Account? Account)> UpdateAsync(
        Caller caller, string id, UpdateAccountRequest patch, long? requiredVersion, CancellationToken ct)
    {
        var outcome = await versioned.UpdateAsync(caller.Tenant.LedgerTable, caller.UserId, AccountItem.SortKey(id), requiredVersion, current =>
        {
            var account = AccountItem.FromItem(current);
            var changes = new ItemChanges();
            if (patch.Name is { } name && name.Trim() != account.Name)
            {
                changes.Set["name"] = AttributeValues.S(name.Trim());
            }
            if (patch.Type is { } type && type != account.Type)
            {
                changes.Set["type"] = AttributeValues.S(AccountItem.TypeName(type));
            }
            if (patch.Closed is { } closed && closed != account.Closed)
            {
                changes.Set["closed"] = AttributeValues.Bool(closed);
            }
            if (patch.OpeningBalance is { } opening && opening != account.OpeningBalance)
            {
                changes.Set[AccountItem.OpeningBalance] = AttributeValues.N(opening);
                changes.Add[AccountItem.Balance] = opening - account.OpeningBalance;
            }
            return changes;
        }, ct);
        return (outcome.Status, outcome.Item is null ? null : AccountItem.FromItem(outcome.Item));
    }

    public async Task<WriteStatus> DeleteAsync(Caller caller, string id, long? requiredVersion, CancellationToken ct) =>
        (await versioned.DeleteAsync(caller.Tenant.LedgerTable, caller.UserId, AccountItem.SortKey(id), requiredVersion, ct)).Status;
}
