using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Changes;

/// <summary>
/// Delta sync: reads the user's change log after a sequence number (strongly consistent, in commit order), keeps
/// each entity once at its latest change, and returns its current state or a tombstone. A client that applies every
/// page from <c>since=0</c> ends with exactly the server's state. The page's transactions are revealed together, so
/// one audit record covers the sensitive ones the page discloses.
/// </summary>
internal sealed class ChangeFeed(IAmazonDynamoDB dynamo, UserItems items, SensitiveFields sensitiveFields)
{
    public async Task<ChangesResponse> ReadAsync(Caller caller, long since, int limit, CancellationToken ct)
    {
        var log = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = caller.Tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(LedgerKeys.UserPartition(caller.UserId)),
                [":from"] = new AttributeValue(ChangeLogItem.SortKey(since + 1)),
                [":to"] = new AttributeValue(ChangeLogItem.SortKey(long.MaxValue / 1000)),
            },
            Limit = limit + 1,
            ConsistentRead = true,
        }, ct);

        var records = log.Items ?? [];
        var hasMore = records.Count > limit;
        var page = hasMore ? records.GetRange(0, limit) : records;
        var last = page.Count > 0 ? ChangeLogItem.SequenceOf(page[^1][LedgerTable.SortKey].S) : since;

        // Latest change per entity, in the order of those latest changes.
        var latest = new Dictionary<string, (ChangedEntity Change, int Order)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var change in page.SelectMany(ChangeLogItem.EntitiesOf))
        {
            latest[change.SortKey] = (change, order++);
        }
        var current = await items.BatchGetAsync(caller.Tenant.LedgerTable, caller.UserId, latest.Keys, ct);
        var stored = latest.Values
            .Where(v => v.Change.Type == TransactionWrites.Entity && current.ContainsKey(v.Change.SortKey))
            .Select(v => TransactionItem.FromItem(current[v.Change.SortKey]))
            .ToList();
        var transactions = (await sensitiveFields.RevealAsync(caller, stored, audit: true, ct)).ToDictionary(t => t.Id, StringComparer.Ordinal);

        var entries = latest.Values
            .OrderBy(v => v.Order)
            .Select(v => current.TryGetValue(v.Change.SortKey, out var item)
                ? new ChangeEntry(v.Change.Type, v.Change.Id, "upsert", v.Change.Type == TransactionWrites.Entity
                    ? EntityRenderers.RenderTransaction(transactions[v.Change.Id])
                    : EntityRenderers.Render(v.Change.Type, item))
                : new ChangeEntry(v.Change.Type, v.Change.Id, "delete", null))
            .ToList();
        return new ChangesResponse(entries, ChangeCursor.Encode(last), hasMore);
    }
}
