using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Erasure;

/// <summary>Deletes items by key, 25 to a BatchWriteItem, retrying what DynamoDB leaves unprocessed until none is left.</summary>
internal sealed class ItemDeleter(IAmazonDynamoDB dynamo, TimeProvider time)
{
    private const int BatchSize = 25;

    public async Task DeleteAsync(string table, IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken ct)
    {
        foreach (var chunk in keys.Chunk(BatchSize))
        {
            List<WriteRequest> deletes = [.. chunk.Select(k => new WriteRequest(new DeleteRequest(k)))];
            for (var attempt = 0; deletes.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(Backoff.Jittered(attempt), time, ct);
                }
                var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = deletes } }, ct);
                deletes = response.UnprocessedItems?.GetValueOrDefault(table) ?? [];
            }
        }
    }
}
