using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// The transaction that moves pending audit records into the hash chain: each record put at its sequence (only if
/// that sequence is free), its pending copy deleted (only if still there), and the head moved (only from the sequence
/// it was read at). A racing chainer makes one of the conditions fail, so the chain never forks and no record is
/// chained twice. One definition, for the API's chainer and the load tool's raw storage path alike.
/// </summary>
public static class AuditChainLink
{
    /// <returns>The transaction's items and the head it leaves.</returns>
    public static (List<TransactWriteItem> Items, (long Sequence, string Hash) Head) Build(
        string auditTable, long headSequence, string headHash, IReadOnlyList<Dictionary<string, AttributeValue>> pendingRecords)
    {
        ArgumentNullException.ThrowIfNull(pendingRecords);
        var items = new List<TransactWriteItem>(pendingRecords.Count * 2 + 1);
        var (sequence, hash) = (headSequence, headHash);
        foreach (var pending in pendingRecords)
        {
            var json = pending[AuditItems.Record].S;
            var previous = hash;
            sequence++;
            hash = AuditHash.Next(previous, sequence, json);
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = auditTable,
                    Item = AuditItems.Chained(sequence, json, previous, hash),
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
        var head = new Put { TableName = auditTable, Item = AuditItems.Head(sequence, hash) };
        if (headSequence == 0)
        {
            head.ConditionExpression = "attribute_not_exists(#pk)";
            head.ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey };
        }
        else
        {
            head.ConditionExpression = "#seq = :seq";
            head.ExpressionAttributeNames = new() { ["#seq"] = AuditItems.Sequence };
            head.ExpressionAttributeValues = new() { [":seq"] = AuditItems.Number(headSequence) };
        }
        items.Add(new TransactWriteItem { Put = head });
        return (items, (sequence, hash));
    }
}
