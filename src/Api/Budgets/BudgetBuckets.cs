using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Budgets;

/// <summary>Reads a user's budget buckets: one key-range Query over <c>BUDGET#&lt;month&gt;…</c>, never the transactions.</summary>
internal sealed class BudgetBuckets(IAmazonDynamoDB dynamo)
{
    /// <summary>Every bucket from <paramref name="fromMonth"/> (or the beginning) through <paramref name="toMonth"/>.</summary>
    public async Task<List<BudgetEntry>> ReadAsync(Caller caller, string? fromMonth, string toMonth, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = caller.Tenant.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(LedgerKeys.UserPartition(caller.UserId)),
                [":lo"] = new AttributeValue(BucketKey.SortKeyPrefix + (fromMonth ?? "0000")),
                [":hi"] = new AttributeValue($"{BucketKey.SortKeyPrefix}{toMonth}#~"),
            },
            ConsistentRead = true,
        };
        var entries = new List<BudgetEntry>();
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            entries.AddRange((response.Items ?? []).Select(BudgetBucketItem.FromItem));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return entries;
    }
}
