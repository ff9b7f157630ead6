using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// One pass of audit chaining over a tenant's audit table: takes the head (the one this writer wrote last, or a read
/// of it), queries up to <see cref="BatchSize"/> pending records, links them in one transaction
/// (<see cref="AuditChainLink"/>), and repeats until a page comes back short. A lost race (another chainer moved the
/// head first) drops the remembered head, waits and tries again. Shared by the API's chainer and the load tool's raw
/// storage path, which must make the same calls; callers keep one pass per table at a time.
/// </summary>
public sealed class AuditChainWriter(IAmazonDynamoDB dynamo, AuditChainVerifier chain, TimeProvider time)
{
    /// <summary>Records per transaction: two items each plus the head stays far below DynamoDB's 100.</summary>
    public const int BatchSize = 25;

    /// <summary>
    /// How long a chainer lets a nudge wait before its pass, so the changes of that moment are chained in one
    /// transaction rather than one each: each pass costs a Query and a transaction. Readers of the log do not wait for it.
    /// </summary>
    public static readonly TimeSpan GatherPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Lost races in a row before giving up.</summary>
    private const int MaxLostRaces = 50;

    // The head this writer last wrote, per table. Another chainer moving it makes the next transaction's head
    // condition fail, and the head is read again, so a stale entry costs a retry, never a fork.
    private readonly ConcurrentDictionary<string, AuditHead> heads = new(StringComparer.Ordinal);

    /// <summary>Chains every record pending in <paramref name="auditTable"/> now.</summary>
    /// <returns>How many records this pass chained.</returns>
    /// <exception cref="TimeoutException">After <see cref="MaxLostRaces"/> lost races in a row.</exception>
    public async Task<int> ChainPendingAsync(string auditTable, CancellationToken ct)
    {
        var chained = 0;
        for (var attempt = 0; ;)
        {
            var head = heads.TryGetValue(auditTable, out var known) ? known : await chain.HeadAsync(auditTable, ct).ConfigureAwait(false);
            var pending = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = auditTable,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(AuditItems.PendingPartition) },
                ConsistentRead = true,
                Limit = BatchSize,
            }, ct).ConfigureAwait(false);
            if (pending.Items is not { Count: > 0 } records)
            {
                return chained;
            }
            try
            {
                var (items, newHead) = AuditChainLink.Build(auditTable, head, records);
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct).ConfigureAwait(false);
                heads[auditTable] = newHead;
                chained += records.Count;
                attempt = 0;
                // A short page was everything pending when it was read; what came since has nudged a new pass.
                if (records.Count < BatchSize && pending.LastEvaluatedKey is not { Count: > 0 })
                {
                    return chained;
                }
            }
            catch (TransactionCanceledException e)
            {
                heads.TryRemove(auditTable, out _);
                // Another chainer went first: read the new head and what is still pending.
                if (++attempt >= MaxLostRaces)
                {
                    throw new TimeoutException($"Audit table {auditTable}: lost {attempt} races to chain pending records in a row.", e);
                }
                await Task.Delay(Backoff.Jittered(attempt), time, ct).ConfigureAwait(false);
            }
        }
    }
}
