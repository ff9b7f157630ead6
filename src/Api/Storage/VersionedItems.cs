using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Optimistic concurrency on items with a <c>version</c> attribute, committed through the change log. A write states
/// the version it was based on; if another write got there first, the condition fails: with an If-Match from the
/// client that is a 412, without one the change is re-planned on the fresh item and tried again.
/// </summary>
internal sealed class VersionedItems(UserItems items, LedgerCommitter committer, UserWriteGate gate, TimeProvider time)
{
    public const string Version = "version";
    public const string UpdatedAt = "updatedAt";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <param name="plan">The changes to make to the current item; empty changes leave the item (and its version) alone.</param>
    public async Task<WriteOutcome<Dictionary<string, AttributeValue>>> UpdateAsync(
        Caller caller, ICommitAudit? audit, ChangedEntity change, long? requiredVersion, Func<Dictionary<string, AttributeValue>, ItemChanges> plan, CancellationToken ct)
    {
        var table = caller.Tenant.LedgerTable;
        // Read and commit in one turn, so this pod's own concurrent edits of the user queue instead of conflicting.
        using var turn = await gate.EnterAsync(caller, ct);
        var deadline = time.GetUtcNow() + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var current = await items.GetAsync(table, caller.UserId, change.SortKey, ct);
            if (current is null)
            {
                return new WriteOutcome<Dictionary<string, AttributeValue>>(WriteStatus.NotFound);
            }
            var version = current.GetN(Version);
            if (requiredVersion is { } required && required != version)
            {
                return new WriteOutcome<Dictionary<string, AttributeValue>>(WriteStatus.PreconditionFailed);
            }
            var changes = plan(current);
            if (changes.IsEmpty)
            {
                return new WriteOutcome<Dictionary<string, AttributeValue>>(WriteStatus.Done, current);
            }
            try
            {
                await committer.CommitAsync(
                    caller, audit, [new LedgerWrite(change.Type, new TransactWriteItem { Update = Update(table, caller.UserId, change.SortKey, version, changes) })],
                    [change], ct, turn);
                // Transactions return no values; read back the item as it now stands (balances may have moved too).
                return new WriteOutcome<Dictionary<string, AttributeValue>>(WriteStatus.Done, await items.GetAsync(table, caller.UserId, change.SortKey, ct));
            }
            catch (LedgerWriteConflict) when (requiredVersion is null && time.GetUtcNow() < deadline)
            {
                // Someone else wrote in between and the client did not pin a version: plan again on the new state.
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
            catch (LedgerWriteConflict)
            {
                return new WriteOutcome<Dictionary<string, AttributeValue>>(requiredVersion is null ? WriteStatus.Contended : WriteStatus.PreconditionFailed);
            }
        }
    }

    /// <param name="guard">A further condition the item must meet to be deleted; failing it is <see cref="WriteStatus.Blocked"/>.</param>
    public async Task<WriteStatus> DeleteAsync(Caller caller, ICommitAudit? audit, ChangedEntity change, long? requiredVersion, CancellationToken ct, DeleteGuard? guard = null)
    {
        var delete = new Delete
        {
            TableName = caller.Tenant.LedgerTable,
            Key = LedgerKeys.Key(caller.UserId, change.SortKey),
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        delete.ExpressionAttributeValues = [];
        if (requiredVersion is { } required)
        {
            delete.ConditionExpression += " AND #v = :v";
            delete.ExpressionAttributeNames["#v"] = Version;
            delete.ExpressionAttributeValues[":v"] = AttributeValues.N(required);
        }
        if (guard is not null)
        {
            delete.ConditionExpression += $" AND ({guard.Expression})";
            foreach (var (name, attribute) in guard.Names)
            {
                delete.ExpressionAttributeNames[name] = attribute;
            }
            foreach (var (name, value) in guard.Values)
            {
                delete.ExpressionAttributeValues[name] = value;
            }
        }
        if (delete.ExpressionAttributeValues.Count == 0)
        {
            delete.ExpressionAttributeValues = null;
        }
        try
        {
            await committer.CommitAsync(caller, audit, [new LedgerWrite(change.Type, new TransactWriteItem { Delete = delete })], [change with { Op = ChangeOp.Delete }], ct);
            return WriteStatus.Done;
        }
        catch (LedgerWriteConflict conflict)
        {
            return conflict.Item switch
            {
                null => WriteStatus.NotFound,
                var item when requiredVersion is { } pinned && item.GetN(Version) != pinned => WriteStatus.PreconditionFailed,
                _ when guard is null => WriteStatus.PreconditionFailed,
                _ => WriteStatus.Blocked,
            };
        }
    }

    /// <summary>The update of a versioned item: SET, ADD and REMOVE the changes, bump the version, only if still at <paramref name="version"/>.</summary>
    public Update Update(string table, string userId, string sortKey, long version, ItemChanges changes)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#v"] = Version, ["#u"] = UpdatedAt };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":v"] = AttributeValues.N(version),
            [":next"] = AttributeValues.N(version + 1),
            [":u"] = AttributeValues.Time(time.GetUtcNow()),
        };
        var sets = new List<string> { "#v = :next", "#u = :u" };
        var adds = new List<string>();
        var index = 0;
        foreach (var (attribute, value) in changes.Set)
        {
            var n = index++.ToString(CultureInfo.InvariantCulture);
            names[$"#s{n}"] = attribute;
            values[$":s{n}"] = value;
            sets.Add($"#s{n} = :s{n}");
        }
        foreach (var (attribute, delta) in changes.Add)
        {
            var n = index++.ToString(CultureInfo.InvariantCulture);
            names[$"#a{n}"] = attribute;
            values[$":a{n}"] = AttributeValues.N(delta);
            adds.Add($"#a{n} :a{n}");
        }
        var removes = new List<string>();
        foreach (var attribute in changes.Remove)
        {
            var n = index++.ToString(CultureInfo.InvariantCulture);
            names[$"#r{n}"] = attribute;
            removes.Add($"#r{n}");
        }
        return new Update
        {
            TableName = table,
            Key = LedgerKeys.Key(userId, sortKey),
            UpdateExpression = "SET " + string.Join(", ", sets)
                + (adds.Count > 0 ? " ADD " + string.Join(", ", adds) : "")
                + (removes.Count > 0 ? " REMOVE " + string.Join(", ", removes) : ""),
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }
}
