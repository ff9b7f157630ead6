using BudgetBuddy.TenantContracts.Audit;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Http;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Audit;

/// <summary>Pages of a tenant's chained audit records, oldest first, filtered in DynamoDB.</summary>
internal sealed class AuditQueries(IAmazonDynamoDB dynamo, AuditChainer chainer)
{
    public const string Collection = "audit";

    /// <summary>Reads at most this many DynamoDB pages for one answer, so a filter that matches little cannot run long.</summary>
    private const int MaxReads = 10;

    /// <summary>Whether a cursor's key is a chain record's: the sequence prefix and its fixed-width number.</summary>
    public static bool IsSequenceKey(string key) =>
        key.StartsWith(AuditItems.SequencePrefix, StringComparison.Ordinal)
        && key.Length == AuditItems.SequenceKey(0).Length
        && !key.AsSpan(AuditItems.SequencePrefix.Length).ContainsAnyExceptInRange('0', '9');

    public async Task<ListResponse<AuditEntry>> ListAsync(string auditTable, AuditFilter filter, PageRequest page, CancellationToken ct)
    {
        // What happened a moment ago is pending still: chain it first, so the list is never behind the caller.
        await chainer.ChainAsync(auditTable, ct);

        var query = AuditItems.ChainQuery(auditTable);
        query.Limit = page.Limit;
        filter.Apply(query);
        if (page.After is { } after)
        {
            query.ExclusiveStartKey = new()
            {
                [AuditTable.PartitionKey] = new AttributeValue(AuditItems.ChainPartition),
                [AuditTable.SortKey] = new AttributeValue(after),
            };
        }

        var entries = new List<AuditEntry>(page.Limit);
        string? lastKey = null;
        for (var reads = 0; reads < MaxReads; reads++)
        {
            query.Limit = page.Limit - entries.Count;
            var response = await dynamo.QueryAsync(query, ct);
            entries.AddRange((response.Items ?? []).Select(ToEntry));
            lastKey = response.LastEvaluatedKey is { Count: > 0 } key ? key[AuditTable.SortKey].S : null;
            if (lastKey is null || entries.Count >= page.Limit)
            {
                break;
            }
            query.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        return new ListResponse<AuditEntry>(entries, lastKey is null ? null : PageCursor.Encode(Collection, lastKey));
    }

    private static AuditEntry ToEntry(Dictionary<string, AttributeValue> item)
    {
        // The hashed text is the record; the copied attributes exist only to filter on.
        var record = AuditRecord.FromJson(item[AuditItems.Record].S);
        return new AuditEntry(
            long.Parse(item[AuditItems.Sequence].N, CultureInfo.InvariantCulture),
            record.Id,
            record.Time,
            record.Actor,
            record.Scopes,
            record.Action,
            record.Resources,
            record.Outcome,
            record.RequestId,
            record.Committed,
            item[AuditItems.PreviousHash].S,
            item[AuditItems.Hash].S);
    }
}
