using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Records which resource owns a tenant id, in the registry item every operator and CLI sharing the account and
/// prefix reads. Every change of ownership is one conditional write on the owner read just before, so of two
/// claimants racing (two namespaces, two clusters) exactly one wins and the other sees the winner.
/// </summary>
internal sealed class TenantClaims(IAmazonDynamoDB dynamo, TenantTables tables)
{
    /// <summary>
    /// Claims <paramref name="tenantId"/> for <paramref name="claimant"/>: a free id, one recorded before owners
    /// were, the claimant's own, its own retained one (the same cluster, namespace and name, recreated), or the
    /// owner named by <paramref name="adoptUid"/>. Anything else is a conflict, and nothing is written.
    /// </summary>
    public async Task<TenantClaim> ClaimAsync(string tenantId, TenantOwner claimant, string? adoptUid, CancellationToken ct)
    {
        // A lost race re-reads once: the winner is then recorded and the answer is settled.
        for (var attempt = 0; ; attempt++)
        {
            var item = await ReadAsync(tenantId, ct);
            var owner = item is null ? null : TenantRecordItem.OwnerOf(item);
            var retained = item?.ContainsKey(TenantRecordItem.Retained) ?? false;
            if (owner is not null && owner.Uid == claimant.Uid)
            {
                return new TenantClaim(true, claimant);
            }
            var takeOver = owner is not null && ((retained && owner.SamePlaceAs(claimant)) || owner.Uid == adoptUid);
            if (owner is not null && !takeOver)
            {
                return new TenantClaim(false, owner, Retained: retained);
            }
            try
            {
                await WriteOwnerAsync(tenantId, claimant, item is null, owner, ct);
                return new TenantClaim(true, claimant, owner);
            }
            catch (ConditionalCheckFailedException) when (attempt == 0)
            {
            }
        }
    }

    /// <summary>The recorded owner of <paramref name="tenantId"/>, or null when nobody has claimed it.</summary>
    public async Task<TenantOwner?> OwnerAsync(string tenantId, CancellationToken ct) =>
        await ReadAsync(tenantId, ct) is { } item ? TenantRecordItem.OwnerOf(item) : null;

    /// <summary>
    /// Keeps the claim of a deleted owner whose tables were retained, without what the API serves: the id stops
    /// answering, and its tables and keys stay the owner's until the same resource is recreated or another adopts it.
    /// </summary>
    public Task<bool> RetainAsync(string tenantId, TenantOwner owner, CancellationToken ct) => UnserveAsync(tenantId, owner, retained: true, ct);

    /// <summary>Stops the API serving the id while the owner's tables are deleted; the claim stays until they are gone.</summary>
    public Task<bool> UnserveAsync(string tenantId, TenantOwner owner, CancellationToken ct) => UnserveAsync(tenantId, owner, retained: false, ct);

    private async Task<bool> UnserveAsync(string tenantId, TenantOwner owner, bool retained, CancellationToken ct)
    {
        var remove = $"REMOVE {string.Join(", ", TenantRecordItem.ServedAttributes.Select((_, i) => $"#s{i}"))}";
        var names = ServedNames().Append(new("#uid", TenantRecordItem.OwnerUid)).ToDictionary();
        var values = new Dictionary<string, AttributeValue> { [":uid"] = new AttributeValue(owner.Uid) };
        if (retained)
        {
            names["#retained"] = TenantRecordItem.Retained;
            values[":true"] = new AttributeValue { BOOL = true };
        }
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tables.Registry,
                Key = TenantRecordItem.Key(tenantId),
                UpdateExpression = retained ? $"SET #retained = :true {remove}" : remove,
                ConditionExpression = "#uid = :uid",
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Deletes the registry item, claim and all, only while <paramref name="owner"/> still holds it.</summary>
    public async Task<bool> ReleaseAsync(string tenantId, TenantOwner owner, CancellationToken ct)
    {
        try
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tables.Registry,
                Key = TenantRecordItem.Key(tenantId),
                ConditionExpression = "#uid = :uid",
                ExpressionAttributeNames = new() { ["#uid"] = TenantRecordItem.OwnerUid },
                ExpressionAttributeValues = new() { [":uid"] = new AttributeValue(owner.Uid) },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task WriteOwnerAsync(string tenantId, TenantOwner claimant, bool absent, TenantOwner? previous, CancellationToken ct)
    {
        var names = new Dictionary<string, string> { ["#retained"] = TenantRecordItem.Retained };
        var values = new Dictionary<string, AttributeValue>();
        var sets = new List<string>();
        foreach (var (i, (name, value)) in TenantRecordItem.OwnerAttributes(claimant).Index())
        {
            names[$"#o{i}"] = name;
            values[$":o{i}"] = value;
            sets.Add($"#o{i} = :o{i}");
        }
        string condition;
        if (absent)
        {
            names["#id"] = RegistryTable.PartitionKey;
            condition = "attribute_not_exists(#id)";
        }
        else if (previous is null)
        {
            // An item recorded before owners were: the first resource to reconcile it takes it, as it always had.
            names["#id"] = RegistryTable.PartitionKey;
            names["#uid"] = TenantRecordItem.OwnerUid;
            condition = "attribute_exists(#id) AND attribute_not_exists(#uid)";
        }
        else
        {
            names["#uid"] = TenantRecordItem.OwnerUid;
            values[":previous"] = new AttributeValue(previous.Uid);
            condition = "#uid = :previous";
        }
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tables.Registry,
            Key = TenantRecordItem.Key(tenantId),
            UpdateExpression = $"SET {string.Join(", ", sets)} REMOVE #retained",
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        }, ct);
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(string tenantId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = tables.Registry, Key = TenantRecordItem.Key(tenantId), ConsistentRead = true }, ct);
        return response.IsItemSet ? response.Item : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> ServedNames() =>
        TenantRecordItem.ServedAttributes.Select((name, i) => new KeyValuePair<string, string>($"#s{i}", name));
}
