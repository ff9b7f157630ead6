using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// The net effect of a money movement on account balances and budget buckets. Effects on the same item are summed
/// first: a transaction may touch an item only once, and an edit within one bucket is then a single ADD.
/// </summary>
internal sealed class LedgerDelta
{
    public const string TransactionCount = "transactionCount";

    /// <summary>The name of an account's balance write, which requires the account present (and open, for new money).</summary>
    public const string BalanceWrite = "account balance";

    /// <summary>The name of a budget bucket's activity write (unconditional).</summary>
    public const string ActivityWrite = "budget activity";

    private readonly Dictionary<string, (long Balance, long Count)> accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<BucketKey, long> buckets = [];

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (-1) a transaction's effect.</summary>
    public void Apply(Transaction transaction, int sign)
    {
        var (balance, count) = accounts.GetValueOrDefault(transaction.AccountId);
        accounts[transaction.AccountId] = (balance + sign * transaction.Amount, count + sign);
        foreach (var (bucket, amount) in Postings.Of(transaction))
        {
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + sign * amount;
        }
    }

    /// <param name="openAccounts">Accounts that must still be open (those receiving a new transaction).</param>
    public IEnumerable<LedgerWrite> Writes(Caller caller, IReadOnlySet<string> openAccounts)
    {
        var table = caller.Tenant.LedgerTable;
        foreach (var (accountId, (balance, count)) in accounts.Where(a => a.Value != (0, 0)))
        {
            var update = new Update
            {
                TableName = table,
                Key = LedgerKeys.Key(caller.UserId, AccountItem.SortKey(accountId)),
                UpdateExpression = "ADD #b :b, #n :n",
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new() { ["#b"] = AccountItem.Balance, ["#n"] = TransactionCount, ["#pk"] = LedgerTable.PartitionKey },
                ExpressionAttributeValues = new() { [":b"] = AttributeValues.N(balance), [":n"] = AttributeValues.N(count) },
            };
            if (openAccounts.Contains(accountId))
            {
                update.ConditionExpression += " AND #closed = :false";
                update.ExpressionAttributeNames["#closed"] = "closed";
                update.ExpressionAttributeValues[":false"] = AttributeValues.Bool(false);
            }
            yield return new LedgerWrite(BalanceWrite, new TransactWriteItem { Update = update });
        }
        foreach (var (bucket, delta) in buckets.Where(b => b.Value != 0))
        {
            yield return new LedgerWrite(ActivityWrite, new TransactWriteItem { Update = BudgetBucketItem.AddActivity(table, caller.UserId, bucket, delta) });
        }
    }

    public IEnumerable<ChangedEntity> Changes() =>
        accounts.Where(a => a.Value != (0, 0)).Select(a => new ChangedEntity("account", a.Key, ChangeOp.Upsert, AccountItem.SortKey(a.Key), a.Value.Balance))
            .Concat(buckets.Where(b => b.Value != 0).Select(b => new ChangedEntity("budget", b.Key.Id, ChangeOp.Upsert, b.Key.SortKey, b.Value)));
}
