using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Events;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Commits every mutation of a user's ledger as one TransactWriteItems together with its change-feed item
/// <c>CHANGE#n</c>, where n is the user's last sequence plus one and the put requires that n is still free.
/// <para>
/// Why a per-user sequence taken inside the transaction, and not time-ordered ids: a change feed read with
/// <c>since=n</c> must never skip a write that commits late. Here a write can only take n once n-1 is committed (it
/// read n-1 as the head), so sequence order is commit order, with no gaps, and a strongly consistent query of the
/// log sees a prefix of it. The price is that one user's writes commit one at a time; a user's write rate is low,
/// and racing writers retry with jittered backoff (tested with 200 at once).
/// </para>
/// </summary>
internal sealed class LedgerCommitter(IAmazonDynamoDB dynamo, UserWriteGate gate, ChangeLogHeads heads, EventSignal events, TenantCrypto crypto, TimeProvider time)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Items a commit adds to the caller's writes (change entry, outbox entry, audit record): callers filling a transaction leave room.</summary>
    public const int ItemsAddedPerCommit = 3;

    /// <returns>The sequence number the write committed as.</returns>
    /// <exception cref="LedgerWriteConflict">One of <paramref name="writes"/> failed its own condition.</exception>
    /// <param name="audit">Whose record of the change rides in the same transaction; null commits without one.</param>
    /// <param name="turn">The caller's turn of <see cref="UserWriteGate"/> when it already holds one.</param>
    /// <param name="announce">Events the commit announces beyond the entities it changed.</param>
    public async Task<long> CommitAsync(
        Caller caller, ICommitAudit? audit, IReadOnlyList<LedgerWrite> writes, IReadOnlyList<ChangedEntity> changes, CancellationToken ct,
        IDisposable? turn = null, IReadOnlyList<EventDraft>? announce = null)
    {
        using var ownTurn = turn is null ? await gate.EnterAsync(caller, ct) : null;
        var deadline = time.GetUtcNow() + Patience;
        var auditPut = audit?.RecordFor(caller, await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct), changes, time.GetUtcNow());
        for (var attempt = 0; ; attempt++)
        {
            var table = caller.Tenant.LedgerTable;
            var sequence = (heads.TryGet(table, caller.UserId, out var known) ? known : await HeadAsync(caller, ct)) + 1;
            var now = time.GetUtcNow();
            var items = new List<TransactWriteItem>(writes.Count + ItemsAddedPerCommit);
            items.AddRange(writes.Select(w => w.Item));
            items.Add(FreshPut(table, ChangeLogItem.ToItem(caller.UserId, sequence, changes, now)));
            // The outbox entry commits with the change, so its events exist if and only if the change does.
            items.Add(FreshPut(table, OutboxItem.ToItem(caller.UserId, sequence, changes, announce ?? [], now)));
            if (auditPut is not null)
            {
                items.Add(auditPut);
            }
            try
            {
                // The token makes the SDK's own retry of this attempt (after a response lost on the way back) answer
                // as the first did, instead of failing on the conditions its first delivery already satisfied: a
                // committed write must never be reported as a conflict, or an import would count its lines twice.
                await dynamo.TransactWriteItemsAsync(
                    new TransactWriteItemsRequest { TransactItems = items, ClientRequestToken = Guid.NewGuid().ToString("N") }, ct);
                heads.Committed(table, caller.UserId, sequence);
                audit?.Committed(caller.Tenant);
                events.Committed(caller.Tenant, caller.UserId);
                return sequence;
            }
            catch (TransactionCanceledException e)
            {
                var reasons = e.CancellationReasons ?? [];
                // The caller's own condition failing says nothing about the head; anything else may.
                for (var i = 0; i < writes.Count && i < reasons.Count; i++)
                {
                    if (reasons[i].Code == "ConditionalCheckFailed")
                    {
                        throw new LedgerWriteConflict(writes[i].Name, reasons[i].Item is { Count: > 0 } item ? item : null, e);
                    }
                }
                // The sequence was taken by a racing write (this pod's head was stale), or DynamoDB saw two transactions
                // on one item: read the head again and retry.
                heads.Forget(table, caller.UserId);
                if (time.GetUtcNow() >= deadline)
                {
                    throw new LedgerBusyException("Too many concurrent changes to this user's data; retry shortly.");
                }
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
        }
    }

    private static TransactWriteItem FreshPut(string table, Dictionary<string, AttributeValue> item) => new()
    {
        Put = new Put
        {
            TableName = table,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        },
    };

    /// <summary>The user's last committed sequence number (0 before the first write).</summary>
    public async Task<long> HeadAsync(Caller caller, CancellationToken ct)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = caller.Tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(LedgerKeys.UserPartition(caller.UserId)),
                [":prefix"] = new AttributeValue(ChangeLogItem.SortKeyPrefix),
            },
            ScanIndexForward = false,
            Limit = 1,
            ConsistentRead = true,
            ProjectionExpression = "#sk",
        }, ct);
        return response.Items is [var head, ..] ? ChangeLogItem.SequenceOf(head[LedgerTable.SortKey].S) : 0;
    }
}
