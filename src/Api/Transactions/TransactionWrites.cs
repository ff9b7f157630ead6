using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// The ledger writes of transactions: insert (with import claims, the balance and bucket effects and the category
/// guards), replace and remove under the version read, and their change-feed entries. Sensitive transactions come
/// sealed.
/// </summary>
internal static class TransactionWrites
{
    /// <summary>The change-feed type of a transaction, and the name of its own write.</summary>
    public const string Entity = "transaction";

    /// <summary>
    /// The writes that create <paramref name="transactions"/> (each with its import claim) and apply their effect.
    /// Sensitive ones must come sealed.
    /// </summary>
    public static NewResource<Transaction> Insert(Caller caller, IReadOnlyList<Transaction> transactions)
    {
        var table = caller.Tenant.LedgerTable;
        var delta = new LedgerDelta();
        var writes = new List<LedgerWrite>();
        var changes = new List<ChangedEntity>();
        foreach (var t in transactions)
        {
            delta.Apply(t, +1);
            writes.Add(LedgerWrites.Insert(caller, Entity, TransactionItem.ToItem(caller.UserId, t, caller.Tenant.Retention)));
            changes.Add(Change(t.Id, ChangeOp.Create));
            if (t.ImportId is not null)
            {
                writes.Add(ImportMarker.Claim(table, caller.UserId, t));
            }
        }
        var open = transactions.Select(t => t.AccountId).ToHashSet(StringComparer.Ordinal);
        writes.AddRange(delta.Writes(caller, open));
        writes.AddRange(CategoryGuards.StillNotSensitive(caller, transactions));
        changes.AddRange(delta.Changes());
        return new NewResource<Transaction>(writes, changes, $"/v1/transactions/{transactions[0].Id}", transactions[0]);
    }

    public static LedgerWrite Replace(Caller caller, Transaction t, long expectedVersion) => new(Entity, new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = TransactionItem.ToItem(caller.UserId, t, caller.Tenant.Retention),
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
            ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(expectedVersion) },
        },
    });

    public static LedgerWrite Remove(Caller caller, Transaction t) => new(Entity, new()
    {
        Delete = new Delete
        {
            TableName = caller.Tenant.LedgerTable,
            Key = LedgerKeys.Key(caller.UserId, TransactionItem.SortKey(t.Id)),
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
            ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(t.Version) },
        },
    });

    public static ChangedEntity Change(string id, ChangeOp op = ChangeOp.Upsert) => new(Entity, id, op, TransactionItem.SortKey(id));
}
