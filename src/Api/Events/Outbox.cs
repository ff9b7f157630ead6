using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>Reads the commits waiting to become events: a shard's, or one user's (strongly consistent, oldest first per user).</summary>
internal sealed class Outbox(IAmazonDynamoDB dynamo)
{
    public const int PageSize = 100;

    public Task<List<OutboxEntry>> PendingAsync(TenantRecord tenant, int shard, CancellationToken ct) =>
        QueryAsync(tenant, OutboxItem.Partition(shard), null, ct);

    public Task<List<OutboxEntry>> PendingOfAsync(TenantRecord tenant, string userId, CancellationToken ct) =>
        QueryAsync(tenant, OutboxItem.Partition(EventShards.Of(userId)), userId + "#", ct);

    private async Task<List<OutboxEntry>> QueryAsync(TenantRecord tenant, string partition, string? prefix, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = tenant.LedgerTable,
            KeyConditionExpression = prefix is null ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(partition) },
            ConsistentRead = true,
            Limit = PageSize,
        };
        if (prefix is not null)
        {
            request.ExpressionAttributeNames["#sk"] = LedgerTable.SortKey;
            request.ExpressionAttributeValues[":prefix"] = new AttributeValue(prefix);
        }
        var response = await dynamo.QueryAsync(request, ct);
        return (response.Items ?? []).Select(OutboxItem.FromItem).ToList();
    }
}
