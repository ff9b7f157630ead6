using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// Deletes every item of the user's ledger partition <c>USER#&lt;id&gt;</c>: accounts, transactions, budgets,
/// categories, cards and their number guards, settings, consents, stored idempotent answers, the change feed, import
/// jobs and their staged parts, alert settings and state. Page after page of keys, until a strongly consistent query finds none
/// (so a write that landed meanwhile goes too).
/// </summary>
internal sealed class UserPartitionEraser(IAmazonDynamoDB dynamo, ItemDeleter deleter, ChangeLogHeads heads) : IUserDataEraser
{
    public async Task EraseAsync(TenantRecord tenant, string userId, CancellationToken ct)
    {
        while (true)
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tenant.LedgerTable,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(LedgerKeys.UserPartition(userId)) },
                ProjectionExpression = "#pk, #sk",
                ConsistentRead = true,
            }, ct);
            if (page.Items is not { Count: > 0 } keys)
            {
                break;
            }
            await deleter.DeleteAsync(tenant.LedgerTable, keys, ct);
        }
        // This pod's cached change-log head would be ahead of the emptied log. A head cached on another pod puts the
        // user's next change at a higher number than 1: the new feed starts there, with nothing skipped or reused.
        heads.Forget(tenant.LedgerTable, userId);
    }
}
