using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// Recomputes a tenant's chain from the first record: each record's stored text must hash, with its predecessor's
/// hash and its sequence, to its stored hash; each must name its predecessor's hash; sequences must run without gaps;
/// and the head must agree with the last record. The first failure is reported, by sequence number.
/// </summary>
internal sealed class AuditVerifier(IAmazonDynamoDB dynamo, AuditChainer chainer, TimeProvider time)
{
    public async Task<AuditVerification> VerifyAsync(string auditTable, CancellationToken ct)
    {
        await chainer.ChainAsync(auditTable, ct);
        var (headSequence, headHash) = await chainer.HeadAsync(auditTable, ct);

        var previousHash = AuditHash.Genesis;
        var expected = 1L;
        var query = new QueryRequest
        {
            TableName = auditTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :seq)",
            ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey, ["#sk"] = AuditTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(AuditItems.ChainPartition),
                [":seq"] = new AttributeValue(AuditItems.SequencePrefix),
            },
            ConsistentRead = true,
        };
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
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
