using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Operator.Retention;

/// <summary>
/// Stamps a tenant's existing items with the expiry its current retention policy gives them: what the API does as it
/// writes, for the items written before the policy changed or before retention existed. Transactions and closed
/// accounts in the ledger, and the audit chain in order, its expiries kept from decreasing (as the chainer keeps them),
/// with the head's floor set to the last one. Only <c>expiresAt</c> changes: versions, timestamps and the change feed
/// are the API's and stay as they are. An expiry already past becomes now, since time to live ignores stamps more than
/// five years past.
/// </summary>
internal sealed class RetentionRestamp(IAmazonDynamoDB dynamo, TimeProvider time)
{
    // The ledger items' attributes as the API's TransactionItem and AccountItem write them; the retention tests hold
    // this pass and the API to the same stamps.
    private const string Entity = "entity";
    private const string Date = "date";
    private const string Closed = "closed";
    private const string ClosedAt = "closedAt";
    private const string UpdatedAt = "updatedAt";
    private const string Version = "version";

    public async Task<RetentionRestampResult> ApplyAsync(TenantRecord tenant, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ledger = await StampLedgerAsync(tenant.LedgerTable, tenant.Retention, now, ct);
        var audit = await StampAuditChainAsync(tenant.AuditTable, tenant.Retention, now, ct);
        return ledger with { AuditRecords = audit.Records, ChainMoved = audit.ChainMoved };
    }

    /// <summary>
    /// A Scan, which the API never does: no access pattern lists every user's transactions and accounts, and this pass
    /// is rare maintenance that an engineer runs after changing the policy, reading only the attributes it needs.
    /// </summary>
    private async Task<RetentionRestampResult> StampLedgerAsync(string table, RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var (transactions, accounts, skipped) = (0, 0, 0);
        var scan = new ScanRequest
        {
            TableName = table,
            FilterExpression = "#entity IN (:transaction, :account)",
            ProjectionExpression = "#pk, #sk, #entity, #date, #closed, #closedAt, #updatedAt, #version, #expiresAt",
            ExpressionAttributeNames = new()
            {
                ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey, ["#entity"] = Entity, ["#date"] = Date,
                ["#closed"] = Closed, ["#closedAt"] = ClosedAt, ["#updatedAt"] = UpdatedAt, ["#version"] = Version,
                ["#expiresAt"] = LedgerTable.ExpiresAt,
            },
            ExpressionAttributeValues = new() { [":transaction"] = new AttributeValue("transaction"), [":account"] = new AttributeValue("account") },
        };
        do
        {
            var page = await dynamo.ScanAsync(scan, ct);
            foreach (var item in page.Items ?? [])
            {
                var isTransaction = item[Entity].S == "transaction";
                long? wanted = isTransaction ? policy.TransactionExpiresAt(DateOnly.ParseExact(item[Date].S, "yyyy-MM-dd", CultureInfo.InvariantCulture), now)
                    : item.TryGetValue(Closed, out var closed) && closed.BOOL == true ? Math.Max(policy.ClosedAccountExpiresAt(ClosedTime(item)), now.ToUnixTimeSeconds())
                    : null;
                if (StampOf(item) == wanted)
                {
                    continue;
                }
                if (!await StampAsync(table, item, wanted, ct))
                {
                    skipped++;
                }
                else if (isTransaction)
                {
                    transactions++;
                }
                else
                {
                    accounts++;
                }
            }
            scan.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (scan.ExclusiveStartKey is { Count: > 0 });
        return new RetentionRestampResult(transactions, accounts, 0, skipped, ChainMoved: false);
    }

    /// <returns>False when the API changed the item since it was read (and stamped it under the policy it holds).</returns>
    private async Task<bool> StampAsync(string table, Dictionary<string, AttributeValue> item, long? wanted, CancellationToken ct)
    {
        var update = new UpdateItemRequest
        {
            TableName = table,
            Key = new() { [LedgerTable.PartitionKey] = item[LedgerTable.PartitionKey], [LedgerTable.SortKey] = item[LedgerTable.SortKey] },
            UpdateExpression = wanted is null ? "REMOVE #e" : "SET #e = :e",
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#e"] = LedgerTable.ExpiresAt, ["#v"] = Version },
            ExpressionAttributeValues = new() { [":v"] = item[Version] },
        };
        if (wanted is { } value)
        {
            update.ExpressionAttributeValues[":e"] = AuditItems.Number(value);
        }
        try
        {
            await dynamo.UpdateItemAsync(update, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<(int Records, bool ChainMoved)> StampAuditChainAsync(string table, RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var head = await new AuditChainVerifier(dynamo, time).HeadAsync(table, ct);
        var (floor, last, stamped) = (0L, 0L, 0);
        var query = AuditItems.ChainQuery(table);
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
            foreach (var item in page.Items ?? [])
            {
                var written = AuditRecord.FromJson(item[AuditItems.Record].S).Time;
                floor = Math.Max(floor, Math.Max(policy.AuditExpiresAt(written), now.ToUnixTimeSeconds()));
                last = AuditItems.SequenceOf(item);
                if (StampOf(item) == floor)
                {
                    continue;
                }
                await dynamo.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = table,
                    Key = new() { [AuditTable.PartitionKey] = item[AuditTable.PartitionKey], [AuditTable.SortKey] = item[AuditTable.SortKey] },
                    UpdateExpression = "SET #e = :e",
                    // Never brings back a record that expired while this pass ran.
                    ConditionExpression = "attribute_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#e"] = AuditTable.ExpiresAt, ["#pk"] = AuditTable.PartitionKey },
                    ExpressionAttributeValues = new() { [":e"] = AuditItems.Number(floor) },
                }, ct);
                stamped++;
            }
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });

        if (last == 0 || (last == head.Sequence && head.ExpiresAtFloor == floor))
        {
            return (stamped, false);
        }
        try
        {
            // Records chained from now on are stamped no earlier than the last one here, only if nothing was chained meanwhile.
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table,
                Key = AuditItems.HeadKey(),
                UpdateExpression = "SET #f = :f",
                ConditionExpression = "#seq = :seq",
                ExpressionAttributeNames = new() { ["#f"] = AuditItems.ExpiresAtFloor, ["#seq"] = AuditItems.Sequence },
                ExpressionAttributeValues = new() { [":f"] = AuditItems.Number(floor), [":seq"] = AuditItems.Number(last) },
            }, ct);
            return (stamped, false);
        }
        catch (ConditionalCheckFailedException)
        {
            return (stamped, true);
        }
    }

    // Accounts closed before retention existed have no closedAt: their last change is the best evidence of closing.
    private static DateTimeOffset ClosedTime(Dictionary<string, AttributeValue> item) =>
        DateTimeOffset.Parse((item.GetValueOrDefault(ClosedAt) ?? item[UpdatedAt]).S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static long? StampOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(LedgerTable.ExpiresAt, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : null;
}
