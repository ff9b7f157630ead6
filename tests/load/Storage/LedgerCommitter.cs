using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// Commits a user's ledger write as the API does: one TransactWriteItems of the writes, the change entry
/// <c>CHANGE#n</c> (n = the user's last sequence plus one, from <see cref="ChangeHeads"/> or a query of the log's
/// head, and only if n is still free) and the request's pending audit record, in the user's write turn. A commit
/// that failed on the change entry (the head was stale) forgets the head, backs off and tries again with a fresh one;
/// one whose own writes' conditions failed is a <see cref="LedgerConflict"/>.
/// </summary>
internal sealed class LedgerCommitter(IAmazonDynamoDB dynamo, ChangeHeads heads, UserGates gates, AuditRecords audit, TimeProvider time)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <param name="action">The request's method and route template, for its audit record.</param>
    /// <param name="turn">The user's write turn when the caller already holds it (a read-modify-write).</param>
    /// <returns>The sequence the write committed as.</returns>
    /// <exception cref="LedgerConflict">One of <paramref name="writes"/> failed its own condition.</exception>
    public async Task<long> CommitAsync(
        LedgerUser user, string action, IReadOnlyList<TransactWriteItem> writes, IReadOnlyList<ChangedEntity> changes, CancellationToken ct,
        IDisposable? turn = null)
    {
        using var ownTurn = turn is null ? await gates.EnterAsync(user, ct) : null;
        var deadline = time.GetUtcNow() + Patience;
        var record = audit.CommittedPut(user, action, changes);
        for (var attempt = 0; ; attempt++)
        {
            var sequence = (heads.TryGet(user, out var known) ? known : await HeadAsync(user, ct)) + 1;
            var items = new List<TransactWriteItem>(writes.Count + 2);
            items.AddRange(writes);
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = user.LedgerTable,
                    Item = LedgerItems.Change(user, sequence, changes, time.GetUtcNow()),
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
                },
            });
            items.Add(record);
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
                heads.Committed(user, sequence);
                audit.Committed(user);
                return sequence;
            }
            catch (TransactionCanceledException e)
            {
                var reasons = e.CancellationReasons ?? [];
                for (var i = 0; i < writes.Count && i < reasons.Count; i++)
                {
                    if (reasons[i].Code == "ConditionalCheckFailed")
                    {
                        throw new LedgerConflict(i, e);
                    }
                }
                heads.Forget(user);
                if (time.GetUtcNow() >= deadline)
                {
                    throw new LedgerConflict(-1, e);
                }
                await Task.Delay(Backoff.Jittered(attempt), ct);
            }
        }
    }

    /// <summary>The user's last committed sequence (0 before the first write): the newest <c>CHANGE#</c> key.</summary>
    public async Task<long> HeadAsync(LedgerUser user, CancellationToken ct)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = user.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(user.Partition),
                [":prefix"] = new AttributeValue(LedgerItems.ChangePrefix),
            },
            ScanIndexForward = false,
            Limit = 1,
            ConsistentRead = true,
            ProjectionExpression = "#sk",
        }, ct);
        return response.Items is [var head, ..] ? LedgerItems.SequenceOf(head[LedgerTable.SortKey].S) : 0;
    }
}
