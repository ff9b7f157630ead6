using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Sensitive;

/// <summary>
/// Seals the transactions already in a category once it is marked sensitive, so that marking protects the past and
/// not only what is written afterwards. Each of the user's unsealed transactions in the category (as its own category
/// or a split line's) is rewritten sealed with its version bumped, in batches through <see cref="LedgerCommitter"/>,
/// so every batch has its change-feed entry (clients resync them) and its audit record; then the stored answers of
/// recent idempotent creates that still hold one of them in clear are rewritten sealed.
/// <para>
/// Correct under concurrency: a batch is conditioned on the versions it read, and a transaction changed meanwhile is
/// found again by the next pass. A write that read the category just before it was marked cannot commit after it: an
/// unsealed transaction's write is conditioned on its categories still not being sensitive
/// (<see cref="Transactions.CategoryGuards"/>), so it either committed before the mark, and the sweep's strongly
/// consistent query finds it, or it fails and its writer prepares it again, sealed.
/// The sweep is idempotent: a request that failed midway is completed by marking the category sensitive again.
/// </para>
/// </summary>
internal sealed class CategorySealer(
    IAmazonDynamoDB dynamo, LedgerCommitter committer, SensitiveFields fields, TimeProvider time)
{
    /// <summary>Transactions per commit: DynamoDB takes 100 items, the committer adds <see cref="LedgerCommitter.ItemsAddedPerCommit"/>.</summary>
    private const int MaxBatchItems = 50;

    /// <summary>Half of DynamoDB's 4 MB per transaction: a transaction with 50 long split memos is over 100 KB sealed.</summary>
    private const int MaxBatchBytes = 2 * 1024 * 1024;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <returns>How many transactions this call sealed.</returns>
    public async Task<int> SealTransactionsOfAsync(Caller caller, ICommitAudit? audit, string categoryId, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + Patience;
        var sealedCount = 0;
        for (var attempt = 0; ; attempt++)
        {
            var (count, raced) = await SealPassAsync(caller, audit, categoryId, ct);
            sealedCount += count;
            if (!raced)
            {
                break;
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new LedgerBusyException("The category's transactions kept changing while they were being sealed; mark it sensitive again to finish.");
            }
            await Task.Delay(Backoff.Jittered(attempt), time, ct);
        }
        await SealStoredAnswersAsync(caller, categoryId, ct);
        return sealedCount;
    }

    /// <summary>One pass over the user's transactions, a query page at a time (memory stays bounded).</summary>
    /// <returns>How many it sealed, and whether a batch lost a race (so another pass is needed).</returns>
    private async Task<(int Sealed, bool Raced)> SealPassAsync(Caller caller, ICommitAudit? audit, string categoryId, CancellationToken ct)
    {
        var count = 0;
        var raced = false;
        async Task CommitAsync(Batch batch)
        {
            if (batch.Writes.Count == 0)
            {
                return;
            }
            try
            {
                await committer.CommitAsync(caller, audit, batch.Writes, batch.Changes, ct);
                count += batch.Writes.Count;
            }
            catch (LedgerWriteConflict)
            {
                // One of them was edited or deleted since the query: the next pass reads it as it is now.
                raced = true;
            }
        }

        // Every transaction of the user is read once: marking a category is rare, and no index lists a category's
        // transactions (lists filter the date index the same way).
        var query = new QueryRequest
        {
            TableName = caller.Tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :txn)",
            FilterExpression = "(#cat = :cat OR contains(#split, :cat)) AND (attribute_not_exists(#sens) OR #sens = :false)",
            ExpressionAttributeNames = new()
            {
                ["#pk"] = LedgerTable.PartitionKey,
                ["#sk"] = LedgerTable.SortKey,
                ["#cat"] = "categoryId",
                ["#split"] = TransactionItem.SplitCategories,
                ["#sens"] = TransactionItem.Sensitive,
            },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(LedgerKeys.UserPartition(caller.UserId)),
                [":txn"] = new AttributeValue(TransactionItem.SortKeyPrefix),
                [":cat"] = new AttributeValue(categoryId),
                [":false"] = AttributeValues.Bool(false),
            },
            ConsistentRead = true,
        };
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
            var batch = new Batch();
            foreach (var open in (page.Items ?? []).Select(TransactionItem.FromItem))
            {
                var next = await fields.SealAsync(caller, open with { Sensitive = true, UpdatedAt = time.GetUtcNow(), Version = open.Version + 1 }, ct);
                var item = TransactionItem.ToItem(caller.UserId, next, caller.Tenant.Retention);
                var size = SizeOf(item);
                if (batch.Writes.Count == MaxBatchItems || (batch.Writes.Count > 0 && batch.Bytes + size > MaxBatchBytes))
                {
                    await CommitAsync(batch);
                    batch = new Batch();
                }
                batch.Add(Replace(caller, item, open.Version), TransactionWrites.Change(open.Id), size);
            }
            await CommitAsync(batch);
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });
        return (count, raced);
    }

    /// <summary>
    /// Stored answers of idempotent creates (kept a day for replays) that hold a transaction of the category in clear:
    /// rewritten sealed, so a replay still answers it (revealed, as any create answer is) and nothing at rest is clear.
    /// Their request fingerprints are plain hashes of requests made before the mark; they expire with the record.
    /// </summary>
    private async Task SealStoredAnswersAsync(Caller caller, string categoryId, CancellationToken ct)
    {
        var query = new QueryRequest
        {
            TableName = caller.Tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :idemp)",
            FilterExpression = "begins_with(#loc, :loc)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey, ["#loc"] = IdempotencyRecord.LocationAttribute },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(LedgerKeys.UserPartition(caller.UserId)),
                [":idemp"] = new AttributeValue(IdempotencyRecord.SortKeyPrefix),
                [":loc"] = new AttributeValue("/v1/transactions/"),
            },
            ConsistentRead = true,
        };
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
            foreach (var item in page.Items ?? [])
            {
                var body = item[IdempotencyRecord.BodyAttribute].S;
                if (JsonSerializer.Deserialize(body, ApiJsonContext.Default.Transaction) is not { Sensitive: false } answered
                    || !TransactionCategories.Of(answered).Contains(categoryId, StringComparer.Ordinal))
                {
                    continue;
                }
                var resealed = JsonSerializer.Serialize(await fields.SealAsync(caller, answered with { Sensitive = true }, ct), ApiJsonContext.Default.Transaction);
                try
                {
                    await dynamo.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = caller.Tenant.LedgerTable,
                        Key = LedgerKeys.Key(caller.UserId, item[LedgerTable.SortKey].S),
                        UpdateExpression = "SET #body = :sealed",
                        ConditionExpression = "#body = :clear",
                        ExpressionAttributeNames = new() { ["#body"] = IdempotencyRecord.BodyAttribute },
                        ExpressionAttributeValues = new() { [":sealed"] = new AttributeValue(resealed), [":clear"] = new AttributeValue(body) },
                    }, ct);
                }
                catch (ConditionalCheckFailedException)
                {
                    // Rewritten by a concurrent sweep, or expired and replaced by a new answer: nothing of ours to seal.
                }
            }
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });
    }

    private static LedgerWrite Replace(Caller caller, Dictionary<string, AttributeValue> item, long expectedVersion) => new(TransactionWrites.Entity, new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = item,
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
            ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(expectedVersion) },
        },
    });

    /// <summary>An upper estimate of an item's stored size (names and values as UTF-8, a few bytes per nesting).</summary>
    private static int SizeOf(Dictionary<string, AttributeValue> item) =>
        item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + SizeOf(a.Value));

    private static int SizeOf(AttributeValue value) =>
        (value.S is { } s ? Encoding.UTF8.GetByteCount(s) : 0)
        + (value.N?.Length ?? 0)
        + (value.SS?.Sum(Encoding.UTF8.GetByteCount) ?? 0)
        + (value.L?.Sum(SizeOf) ?? 0)
        + (value.M is { } map ? SizeOf(map) : 0)
        + 8;

    private sealed class Batch
    {
        public List<LedgerWrite> Writes { get; } = [];

        public List<ChangedEntity> Changes { get; } = [];

        public int Bytes { get; private set; }

        public void Add(LedgerWrite write, ChangedEntity change, int bytes)
        {
            Writes.Add(write);
            Changes.Add(change);
            Bytes += bytes;
        }
    }
}
