using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Load.Storage;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Load.DynamoCosts;

/// <summary>
/// The calls the API makes, one probe each, on a <see cref="ScratchLedger"/>: the reads at the sizes its requests
/// read, and the writes from a lone put up to the seven-item transaction of a new spending (the transaction, its
/// account and bucket ADDs, the category's check, the stored answer, the change entry and the audit record).
/// </summary>
internal static class CostProbes
{
    public static IReadOnlyList<CostProbe> For(IAmazonDynamoDB dynamo, ScratchLedger ledger)
    {
        var serial = 0L;
        int AnyUser() => Random.Shared.Next(ScratchLedger.Users);
        int AnyTransaction() => Random.Shared.Next(ScratchLedger.TransactionsPerUser);
        long Next() => Interlocked.Increment(ref serial);

        Task Query(int limit, CancellationToken ct)
        {
            var user = ledger.User(AnyUser());
            return dynamo.QueryAsync(new QueryRequest
            {
                TableName = ledger.LedgerTable,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = LedgerItems.S(user.Partition), [":prefix"] = LedgerItems.S(LedgerItems.TransactionPrefix) },
                Limit = limit,
                ConsistentRead = true,
            }, ct);
        }

        // A new spending of a user, as the API commits it; changeEntry and audit add the items every commit carries.
        List<TransactWriteItem> Spending(bool full)
        {
            var u = AnyUser();
            var user = ledger.User(u);
            var n = Next();
            var t = ScratchLedger.Transaction(u, 0) with { Id = $"new{n:D12}" };
            var items = new List<TransactWriteItem> { new() { Put = Inserts.Put(user, t.ToItem(user)) } };
            if (full)
            {
                var effect = new MoneyEffect();
                effect.Apply(t, +1);
                items.AddRange(effect.Writes(user, new HashSet<string>(StringComparer.Ordinal) { t.AccountId }));
                items.AddRange(MoneyEffect.CategoriesStillNotSensitive(user, [t]));
                items.Add(new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = ledger.LedgerTable,
                        Item = LedgerItems.IdempotencyRecord(user, $"key{n}", new string('f', 64), $"/v1/transactions/{t.Id}", new string('b', 420), DateTimeOffset.UtcNow.AddDays(1)),
                        ConditionExpression = "attribute_not_exists(#pk) OR #exp < :now",
                        ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#exp"] = LedgerTable.ExpiresAt },
                        ExpressionAttributeValues = new() { [":now"] = LedgerItems.N(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) },
                    },
                });
            }
            items.Add(new TransactWriteItem { Put = Inserts.Put(user, LedgerItems.Change(user, n, [t.Change], DateTimeOffset.UtcNow)) });
            if (full)
            {
                var now = DateTimeOffset.UtcNow;
                var record = new AuditRecord($"audit{n:D12}", now, user.Tenant, user.Id, LedgerUser.Scopes, "POST /v1/transactions", [$"transaction/{t.Id}"],
                    AuditRecord.CommittedOutcome, Guid.NewGuid().ToString("N"), true);
                items.Add(new TransactWriteItem
                {
                    Put = new Put
                    {
                        TableName = ledger.AuditTable,
                        Item = AuditItems.Pending(record),
                        ConditionExpression = "attribute_not_exists(#pk)",
                        ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
                    },
                });
            }
            return items;
        }

        return
        [
            new("GetItem", "one transaction, strongly consistent", ct =>
                dynamo.GetItemAsync(new GetItemRequest
                {
                    TableName = ledger.LedgerTable,
                    Key = ledger.User(AnyUser()).Key(LedgerItems.TransactionPrefix + ScratchLedger.Transaction(0, AnyTransaction()).Id),
                    ConsistentRead = true,
                }, ct)),
            new("Query, 3 items", "a user's first 3 transactions (accounts, a budget's handful)", ct => Query(3, ct)),
            new("Query, 50 items", "a page of 50 transactions by key", ct => Query(50, ct)),
            new("Query GSI1, 51 items", "a page of an account's transactions by date, newest first", ct =>
            {
                var u = AnyUser();
                return dynamo.QueryAsync(new QueryRequest
                {
                    TableName = ledger.LedgerTable,
                    IndexName = LedgerTable.Gsi1,
                    KeyConditionExpression = "#ipk = :ipk",
                    ExpressionAttributeNames = new() { ["#ipk"] = LedgerTable.Gsi1PartitionKey },
                    ExpressionAttributeValues = new() { [":ipk"] = LedgerItems.S($"{ledger.User(u).Partition}#ACCOUNT#{ScratchLedger.AccountId(u)}") },
                    ScanIndexForward = false,
                    Limit = 51,
                }, ct);
            }),
            new("BatchGetItem, 3 keys", "three transactions of a user", ct =>
            {
                var user = ledger.User(AnyUser());
                var first = AnyTransaction() % (ScratchLedger.TransactionsPerUser - 3);
                return dynamo.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new()
                    {
                        [ledger.LedgerTable] = new KeysAndAttributes
                        {
                            Keys = [.. Enumerable.Range(first, 3).Select(i => user.Key(LedgerItems.TransactionPrefix + ScratchLedger.Transaction(0, i).Id))],
                            ConsistentRead = true,
                        },
                    },
                }, ct);
            }),
            new("PutItem", "a new transaction, only if its key is free", ct =>
            {
                var u = AnyUser();
                var user = ledger.User(u);
                var t = ScratchLedger.Transaction(u, 0) with { Id = $"put{Next():D12}" };
                var put = Inserts.Put(user, t.ToItem(user));
                return dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = put.TableName,
                    Item = put.Item,
                    ConditionExpression = put.ConditionExpression,
                    ExpressionAttributeNames = put.ExpressionAttributeNames,
                }, ct);
            }),
            new("TransactWriteItems, 2 items", "a new transaction and its change entry", ct =>
                dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = Spending(full: false) }, ct)),
            new("TransactWriteItems, 7 items", "a new spending as the API commits it", ct =>
                dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = Spending(full: true) }, ct)),
        ];
    }
}
