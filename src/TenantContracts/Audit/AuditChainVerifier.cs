using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// Recomputes a tenant's chain from the first record: each record's stored text must hash, with its predecessor's
/// hash and its sequence, to its stored hash; each must name its predecessor's hash; sequences must run without gaps;
/// and the head must agree with the last record. The first failure is reported, by sequence number. Reads only:
/// records still pending are not part of the chain yet (the API chains them before it verifies).
/// </summary>
public sealed class AuditChainVerifier(IAmazonDynamoDB dynamo, TimeProvider time)
{
    /// <summary>The head of the chain: its last sequence and hash (0 and the genesis hash before the first record).</summary>
    public async Task<(long Sequence, string Hash)> HeadAsync(string auditTable, CancellationToken ct)
    {
        var head = await dynamo.GetItemAsync(new GetItemRequest { TableName = auditTable, Key = AuditItems.HeadKey(), ConsistentRead = true }, ct).ConfigureAwait(false);
        return head.IsItemSet ? (AuditItems.SequenceOf(head.Item), head.Item[AuditItems.Hash].S) : (0, AuditHash.Genesis);
    }

    public async Task<AuditVerification> VerifyAsync(string auditTable, CancellationToken ct)
    {
        var (headSequence, headHash) = await HeadAsync(auditTable, ct).ConfigureAwait(false);

        var previousHash = AuditHash.Genesis;
        var expected = 1L;
        var query = AuditItems.ChainQuery(auditTable);
        do
        {
            var page = await dynamo.QueryAsync(query, ct).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                if (Check(item, expected, previousHash) is { } broken)
                {
                    return Result(expected - 1, headSequence, headHash, broken);
                }
                previousHash = item[AuditItems.Hash].S;
                expected++;
            }
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });

        var records = expected - 1;
        if (records != headSequence || previousHash != headHash)
        {
            // Records removed from the end, or a head rewritten: the chain no longer reaches what the head promises.
            return Result(records, headSequence, headHash,
                new AuditBreak(Math.Min(records + 1, headSequence), $"the head names record {headSequence} with hash {headHash[..12]}…, but the chain ends at record {records}"));
        }
        return Result(records, headSequence, headHash, null);
    }

    private static AuditBreak? Check(Dictionary<string, AttributeValue> item, long expected, string previousHash)
    {
        var sequence = item.ContainsKey(AuditItems.Sequence) ? AuditItems.SequenceOf(item) : -1;
        if (item[AuditTable.SortKey].S != AuditItems.SequenceKey(expected) || sequence != expected)
        {
            return new AuditBreak(expected, $"record {expected} is missing or out of place (found {item[AuditTable.SortKey].S})");
        }
        if (!item.TryGetValue(AuditItems.PreviousHash, out var linked) || linked.S != previousHash)
        {
            return new AuditBreak(expected, "does not link to the record before it (its previous hash differs)");
        }
        if (!item.TryGetValue(AuditItems.Record, out var record) || !item.TryGetValue(AuditItems.Hash, out var hash)
            || AuditHash.Next(previousHash, expected, record.S) != hash.S)
        {
            return new AuditBreak(expected, "its content does not match its hash (edited after it was chained)");
        }
        return null;
    }

    private AuditVerification Result(long records, long headSequence, string headHash, AuditBreak? broken) =>
        new(broken is null, records, headSequence, headHash, broken, time.GetUtcNow());
}
