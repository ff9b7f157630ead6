using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// The transaction that moves pending audit records into the hash chain: each record put at its sequence (only if
/// that sequence is free), its pending copy deleted (only if still there), and the head moved (only from the sequence
/// it was read at). A racing chainer makes one of the conditions fail, so the chain never forks and no record is
/// chained twice. One definition, for the API's chainer and the load tool's raw storage path alike.
/// </summary>
/// <remarks>
/// Each chained record keeps the expiry its writer stamped, raised to the latest one chained before it, so expiries
/// never decrease along the chain and DynamoDB's time to live can only ever remove its oldest records: what verification
/// accepts as expired. The price is that a shortened audit retention takes effect once the records stamped under the
/// longer one have expired.
/// </remarks>
public static class AuditChainLink
{
    /// <returns>The transaction's items and the head it leaves.</returns>
    public static (List<TransactWriteItem> Items, AuditHead Head) Build(
        string auditTable, AuditHead head, IReadOnlyList<Dictionary<string, AttributeValue>> pendingRecords)
    {
        ArgumentNullException.ThrowIfNull(pendingRecords);
        var items = new List<TransactWriteItem>(pendingRecords.Count * 2 + 1);
        var (sequence, hash, floor) = head;
        foreach (var pending in pendingRecords)
        {
            var json = pending[AuditItems.Record].S;
            var previous = hash;
            sequence++;
            hash = AuditHash.Next(previous, sequence, json);
            // A record without a stamp (written by a pod that predates retention) expires with the one before it.
            var stamped = pending.TryGetValue(AuditTable.ExpiresAt, out var own) ? long.Parse(own.N, CultureInfo.InvariantCulture) : floor;
            floor = Math.Max(floor, stamped);
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = auditTable,
                    Item = AuditItems.Chained(sequence, json, previous, hash, floor > 0 ? AuditItems.Number(floor) : null),
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
                },
            });
            items.Add(new TransactWriteItem
            {
                Delete = new Delete
                {
                    TableName = auditTable,
                    Key = AuditItems.PendingKey(pending[AuditTable.SortKey].S),
                    ConditionExpression = "attribute_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
                },
            });
        }
        var next = new AuditHead(sequence, hash, floor);
        var put = new Put { TableName = auditTable, Item = AuditItems.Head(next) };
        if (head.Sequence == 0)
        {
            put.ConditionExpression = "attribute_not_exists(#pk)";
            put.ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey };
        }
        else
        {
            put.ConditionExpression = "#seq = :seq";
            put.ExpressionAttributeNames = new() { ["#seq"] = AuditItems.Sequence };
            put.ExpressionAttributeValues = new() { [":seq"] = AuditItems.Number(head.Sequence) };
        }
        items.Add(new TransactWriteItem { Put = put });
        return (items, next);
    }
}
