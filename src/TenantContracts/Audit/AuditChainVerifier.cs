using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// Recomputes a tenant's chain from its oldest record still present: each record's stored text must hash, with its
/// predecessor's hash and its sequence, to its stored hash; each must name its predecessor's hash; sequences must run
/// without gaps; and the head must agree with the last record. The first failure is reported, by sequence number.
/// Reads only: records still pending are not part of the chain yet (the API chains them before it verifies).
/// </summary>
/// <remarks>
/// Records expire under the tenant's retention policy, and expiries never decrease along the chain
/// (<see cref="AuditChainLink"/>), so DynamoDB's time to live removes the oldest records, in no set order among those
/// due. Hence a gap is accepted only where everything before it has expired (or nothing is before it) and the record
/// after it carries an expiry: verification restarts there, anchored on the hash it names as its predecessor's. A
/// record missing anywhere else, or from the end, is a break. What this cannot tell apart is someone deleting the
/// oldest stamped records early: the evidence for the records kept is the same either way.
/// </remarks>
public sealed class AuditChainVerifier(IAmazonDynamoDB dynamo, TimeProvider time)
{
    /// <summary>The head of the chain: its last sequence and hash, and the latest expiry stamped so far.</summary>
    public async Task<AuditHead> HeadAsync(string auditTable, CancellationToken ct)
    {
        var head = await dynamo.GetItemAsync(new GetItemRequest { TableName = auditTable, Key = AuditItems.HeadKey(), ConsistentRead = true }, ct).ConfigureAwait(false);
        return head.IsItemSet ? AuditItems.HeadOf(head.Item) : AuditHead.Genesis;
    }

    public async Task<AuditVerification> VerifyAsync(string auditTable, CancellationToken ct)
    {
        var (headSequence, headHash, _) = await HeadAsync(auditTable, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeSeconds();

        var previousHash = AuditHash.Genesis;
        var expected = 1L;
        var records = 0L;
        var allExpired = true;
        var query = AuditItems.ChainQuery(auditTable);
        do
        {
            var page = await dynamo.QueryAsync(query, ct).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                if (allExpired && AfterExpiredGap(item, expected) is { } anchor)
                {
                    (expected, previousHash) = anchor;
                }
                if (Check(item, expected, previousHash) is { } broken)
                {
                    return Result(records, headSequence, headHash, broken);
                }
                previousHash = item[AuditItems.Hash].S;
                expected++;
                records++;
                allExpired &= ExpiresAt(item) is { } expiresAt && expiresAt <= now;
            }
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });

        var last = expected - 1;
        if (last != headSequence || previousHash != headHash)
        {
            // Records removed from the end, or a head rewritten: the chain no longer reaches what the head promises.
            return Result(records, headSequence, headHash,
                new AuditBreak(Math.Min(last + 1, headSequence), $"the head names record {headSequence} with hash {headHash[..12]}…, but the chain ends at record {last}"));
        }
        return Result(records, headSequence, headHash, null);
    }

    /// <summary>Where to restart when <paramref name="item"/> follows records that expired and are gone; null if it does not.</summary>
    private static (long Sequence, string PreviousHash)? AfterExpiredGap(Dictionary<string, AttributeValue> item, long expected) =>
        item.ContainsKey(AuditItems.Sequence) && AuditItems.SequenceOf(item) is var sequence && sequence > expected
        && ExpiresAt(item) is not null && item.TryGetValue(AuditItems.PreviousHash, out var linked)
            ? (sequence, linked.S)
            : null;

    private static long? ExpiresAt(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(AuditTable.ExpiresAt, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : null;
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
