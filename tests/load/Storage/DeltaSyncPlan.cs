using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/changes?since=</c>: one strongly consistent query of the change log after the cursor (a page and one
/// more, to know whether more wait), then one batch get of the current state of every entity the page changed, each
/// once (100 keys a call, none when nothing changed). The answer's cursor is the API's, after the page's last entry.
/// </summary>
internal sealed class DeltaSyncPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, ChangesRead call, CancellationToken ct)
    {
        var log = await session.Dynamo.QueryAsync(new QueryRequest
        {
            TableName = user.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(user.Partition),
                [":from"] = new AttributeValue(LedgerItems.ChangeSortKey(call.Since + 1)),
                [":to"] = new AttributeValue(LedgerItems.ChangeSortKey(long.MaxValue / 1000)),
            },
            Limit = call.Limit + 1,
            ConsistentRead = true,
        }, ct);

        var records = log.Items ?? [];
        var hasMore = records.Count > call.Limit;
        var page = hasMore ? records.GetRange(0, call.Limit) : records;
        var last = page.Count > 0 ? LedgerItems.SequenceOf(page[^1][LedgerTable.SortKey].S) : call.Since;
        var changed = page.SelectMany(LedgerItems.EntitiesOf).Select(e => e.SortKey).Distinct(StringComparer.Ordinal);
        await session.Reads.BatchGetAsync(user, changed, ct);
        return StorageAnswer.Ok(CreatedAnswers.Remembered(("cursor", ApiCursors.ChangesAfter(last))));
    }
}
