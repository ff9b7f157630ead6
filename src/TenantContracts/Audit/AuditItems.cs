using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// The audit table's items. A record is first written to the <see cref="PendingPartition"/> (with the change it
/// describes, in one transaction), then the chainer moves it into the chain: <c>CHAIN#main / SEQ#n</c> with its
/// previous hash and own hash, and advances <c>CHAIN#main / HEAD</c> — all in one transaction conditioned on the head
/// it read, so concurrent chainers on several pods cannot fork the chain or chain a record twice.
/// </summary>
public static class AuditItems
{
    public const string PendingPartition = "PENDING";
    public const string ChainPartition = "CHAIN#main";
    public const string SequencePrefix = "SEQ#";
    public const string HeadSortKey = "HEAD";

    public const string Record = "record";
    public const string Sequence = "seq";
    public const string Hash = "hash";
    public const string PreviousHash = "prevHash";

    /// <summary>On the head: the latest expiry of any chained record, which no later record's may precede.</summary>
    public const string ExpiresAtFloor = "expiresAtFloor";

    // Copies of record fields, so a list can filter in DynamoDB; the hash covers the record text, not these.
    public const string Actor = "actor";
    public const string Action = "action";
    public const string Outcome = "outcome";
    public const string Time = "time";

    /// <summary>
    /// A record waiting to be chained, stamped with its expiry under the tenant's <paramref name="retention"/>: the
    /// writer knows the policy, the chainer only carries the stamp over to the chained record.
    /// </summary>
    public static Dictionary<string, AttributeValue> Pending(AuditRecord record, RetentionPolicy retention) => new()
    {
        [AuditTable.PartitionKey] = new AttributeValue(PendingPartition),
        [AuditTable.SortKey] = new AttributeValue(record.Id),
        [Record] = new AttributeValue(record.ToJson()),
        [AuditTable.ExpiresAt] = Number(retention.AuditExpiresAt(record.Time)),
    };

    /// <param name="expiresAt">The pending record's expiry, carried over; null for one written before retention existed.</param>
    public static Dictionary<string, AttributeValue> Chained(long sequence, string recordJson, string previousHash, string hash, AttributeValue? expiresAt)
    {
        var record = AuditRecord.FromJson(recordJson);
        var item = new Dictionary<string, AttributeValue>
        {
            [AuditTable.PartitionKey] = new AttributeValue(ChainPartition),
            [AuditTable.SortKey] = new AttributeValue(SequenceKey(sequence)),
            [Sequence] = Number(sequence),
            [Record] = new AttributeValue(recordJson),
            [PreviousHash] = new AttributeValue(previousHash),
            [Hash] = new AttributeValue(hash),
            [Actor] = new AttributeValue(record.Actor),
            [Action] = new AttributeValue(record.Action),
            [Outcome] = new AttributeValue(record.Outcome),
            [Time] = new AttributeValue(record.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        };
        if (expiresAt is not null)
        {
            item[AuditTable.ExpiresAt] = expiresAt;
        }
        return item;
    }

    /// <summary>
    /// The head: the last record's sequence and hash, and the latest expiry stamped so far
    /// (<see cref="ExpiresAtFloor"/>, not <see cref="AuditTable.ExpiresAt"/>: the head itself never expires).
    /// </summary>
    public static Dictionary<string, AttributeValue> Head(AuditHead head) => new()
    {
        [AuditTable.PartitionKey] = new AttributeValue(ChainPartition),
        [AuditTable.SortKey] = new AttributeValue(HeadSortKey),
        [Sequence] = Number(head.Sequence),
        [Hash] = new AttributeValue(head.Hash),
        [ExpiresAtFloor] = Number(head.ExpiresAtFloor),
    };

    public static AuditHead HeadOf(Dictionary<string, AttributeValue> item) => new(
        SequenceOf(item),
        item[Hash].S,
        item.TryGetValue(ExpiresAtFloor, out var floor) ? long.Parse(floor.N, CultureInfo.InvariantCulture) : 0);

    public static Dictionary<string, AttributeValue> HeadKey() => new()
    {
        [AuditTable.PartitionKey] = new AttributeValue(ChainPartition),
        [AuditTable.SortKey] = new AttributeValue(HeadSortKey),
    };

    public static Dictionary<string, AttributeValue> PendingKey(string id) => new()
    {
        [AuditTable.PartitionKey] = new AttributeValue(PendingPartition),
        [AuditTable.SortKey] = new AttributeValue(id),
    };

    /// <summary>A strongly consistent query of the chained records in sequence order (not the head, not pending ones).</summary>
    public static QueryRequest ChainQuery(string auditTable) => new()
    {
        TableName = auditTable,
        KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :seq)",
        ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey, ["#sk"] = AuditTable.SortKey },
        ExpressionAttributeValues = new()
        {
            [":pk"] = new AttributeValue(ChainPartition),
            [":seq"] = new AttributeValue(SequencePrefix),
        },
        ConsistentRead = true,
    };

    /// <summary>Zero-padded, so the sort key orders as the number does.</summary>
    public static string SequenceKey(long sequence) => SequencePrefix + sequence.ToString("D20", CultureInfo.InvariantCulture);

    public static long SequenceOf(Dictionary<string, AttributeValue> item) => long.Parse(item[Sequence].N, CultureInfo.InvariantCulture);

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
