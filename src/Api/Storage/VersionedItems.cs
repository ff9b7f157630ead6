using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Optimistic concurrency on items with a <c>version</c> attribute. A write states the version it was based on; if
/// another write got there first, the condition fails: with an If-Match from the client that is a 412, without one
/// the change is re-planned on the fresh item and tried again.
/// </summary>
internal sealed class VersionedItems(IAmazonDynamoDB dynamo, UserItems items, TimeProvider time)
{
    public const string Version = "version";
    public const string UpdatedAt = "updatedAt";
    private const int MaxAttempts = 5;

    /// <param name="plan">The changes to make to the current item; empty changes leave the item (and its version) alone.</param>
    public async Task<WriteOutcome> UpdateAsync(
        string table, string userId, string sortKey, long? requiredVersion, Func<Dictionary<string, AttributeValue>, ItemChanges> plan, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await items.GetAsync(table, userId, sortKey, ct);
            if (current is null)
            {
                return new WriteOutcome(WriteStatus.NotFound);
            }
            var version = current.GetN(Version);
            if (requiredVersion is { } required && required != version)
            {
                return new WriteOutcome(WriteStatus.PreconditionFailed);
            }
            var changes = plan(current);
            if (changes.IsEmpty)
            {
                return new WriteOutcome(WriteStatus.Done, current);
            }
            try
            {
                var response = await dynamo.UpdateItemAsync(UpdateRequest(table, userId, sortKey, version, changes), ct);
                return new WriteOutcome(WriteStatus.Done, response.Attributes);
            }
            catch (ConditionalCheckFailedException) when (requiredVersion is null && attempt < MaxAttempts)
            {
                // Someone else wrote in between and the client did not pin a version: plan again on the new state.
            }
            catch (ConditionalCheckFailedException)
            {
                return new WriteOutcome(requiredVersion is null ? WriteStatus.Contended : WriteStatus.PreconditionFailed);
            }
        }
    }

    public async Task<WriteOutcome> DeleteAsync(string table, string userId, string sortKey, long? requiredVersion, CancellationToken ct)
    {
        var request = new DeleteItemRequest
        {
            TableName = table,
            Key = LedgerKeys.Key(userId, sortKey),
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        if (requiredVersion is { } required)
        {
            request.ConditionExpression += " AND #v = :v";
            request.ExpressionAttributeNames["#v"] = Version;
            request.ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(required) };
        }
        try
        {
            await dynamo.DeleteItemAsync(request, ct);
            return new WriteOutcome(WriteStatus.Done);
        }
        catch (ConditionalCheckFailedException e)
        {
            return new WriteOutcome(e.Item is { Count: > 0 } ? WriteStatus.PreconditionFailed : WriteStatus.NotFound);
        }
    }

    private UpdateItemRequest UpdateRequest(string table, string userId, string sortKey, long version, ItemChanges changes)
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
        var expression = "SET " + string.Join(", ", sets) + (adds.Count > 0 ? " ADD " + string.Join(", ", adds) : "");
        return new UpdateItemRequest
        {
            TableName = table,
            Key = LedgerKeys.Key(userId, sortKey),
            UpdateExpression = expression,
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        };
    }
}
