using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The net effect of a money movement on account balances and budget buckets, as the API sums it before writing:
/// effects on one item add up first (a transaction touches an item once), and an effect that nets to nothing is not
/// written at all (a transfer within one currency leaves its <c>TRANSFER</c> bucket alone, a memo edit moves nothing).
/// </summary>
internal sealed class MoneyEffect
{
    private readonly Dictionary<string, (long Balance, long Count)> accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<BucketKey, long> buckets = [];

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (-1) a transaction's effect.</summary>
    public void Apply(TransactionFacts t, int sign)
    {
        var (balance, count) = accounts.GetValueOrDefault(t.AccountId);
        accounts[t.AccountId] = (balance + sign * t.Amount, count + sign);
        var bucket = BucketKey.Of(t);
        buckets[bucket] = buckets.GetValueOrDefault(bucket) + sign * t.Amount;
    }

    /// <param name="openAccounts">Accounts that must still be open (those receiving a new transaction).</param>
    public IEnumerable<TransactWriteItem> Writes(LedgerUser user, IReadOnlySet<string> openAccounts)
    {
        foreach (var (accountId, (balance, count)) in accounts.Where(a => a.Value != (0, 0)))
        {
            var update = new Update
            {
                TableName = user.LedgerTable,
                Key = user.Key(LedgerItems.AccountPrefix + accountId),
                UpdateExpression = "ADD #b :b, #n :n",
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new() { ["#b"] = "balance", ["#n"] = "transactionCount", ["#pk"] = LedgerTable.PartitionKey },
                ExpressionAttributeValues = new() { [":b"] = LedgerItems.N(balance), [":n"] = LedgerItems.N(count) },
            };
            if (openAccounts.Contains(accountId))
            {
                update.ConditionExpression += " AND #closed = :false";
                update.ExpressionAttributeNames["#closed"] = "closed";
                update.ExpressionAttributeValues[":false"] = LedgerItems.Bool(false);
            }
            yield return new TransactWriteItem { Update = update };
        }
        foreach (var (bucket, delta) in buckets.Where(b => b.Value != 0))
        {
            yield return new TransactWriteItem { Update = bucket.AddActivity(user, delta) };
        }
    }

    public IEnumerable<ChangedEntity> Changes() =>
        accounts.Where(a => a.Value != (0, 0)).Select(a => new ChangedEntity("account", a.Key, LedgerItems.AccountPrefix + a.Key))
            .Concat(buckets.Where(b => b.Value != 0).Select(b => b.Key.Change));

    /// <summary>
    /// The condition checks that the categories of unsealed transactions are, at commit, there and not sensitive:
    /// the API's guard against a category marked sensitive between its read and the write.
    /// </summary>
    public static IEnumerable<TransactWriteItem> CategoriesStillNotSensitive(LedgerUser user, IEnumerable<TransactionFacts> transactions) =>
        transactions.Where(t => !t.Sensitive)
            .SelectMany(t => t.CategoryIds)
            .Distinct(StringComparer.Ordinal)
            .Select(categoryId => new TransactWriteItem
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = user.LedgerTable,
                    Key = user.Key(LedgerItems.CategoryPrefix + categoryId),
                    ConditionExpression = "attribute_exists(#pk) AND (attribute_not_exists(#s) OR #s = :false)",
                    ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#s"] = "sensitive" },
                    ExpressionAttributeValues = new() { [":false"] = LedgerItems.Bool(false) },
                },
            });
}
