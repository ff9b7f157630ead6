using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>A shard of a tenant's events, held by this pod until <see cref="Until"/>, with the log's head as last read.</summary>
internal sealed class ShardLease(TenantRecord tenant, int shard, string owner, DateTimeOffset until, long head)
{
    public TenantRecord Tenant { get; } = tenant;

    public int Shard { get; } = shard;

    public string Owner { get; } = owner;

    public DateTimeOffset Until { get; private set; } = until;

    public long Head { get; private set; } = head;

    /// <summary>
    /// The update of the shard's item that a holder's transaction carries: it moves the head to <paramref name="newHead"/>
    /// and fails unless this pod still holds the lease and nobody moved the head since.
    /// </summary>
    public TransactWriteItem Advance(long newHead, DateTimeOffset now) => new()
    {
        Update = new Update
        {
            TableName = Tenant.LedgerTable,
            Key = ShardState.Key(Shard),
            UpdateExpression = "SET #head = :new",
            ConditionExpression = "#owner = :me AND #until > :now AND #head = :head",
            ExpressionAttributeNames = new() { ["#head"] = ShardState.Head, ["#owner"] = ShardState.Owner, ["#until"] = ShardState.Until },
            ExpressionAttributeValues = new()
            {
                [":new"] = AttributeValues.N(newHead),
                [":me"] = new AttributeValue(Owner),
                [":now"] = AttributeValues.N(now.ToUnixTimeMilliseconds()),
                [":head"] = AttributeValues.N(Head),
            },
        },
    };

    /// <summary>The holder's check, for a transaction that does not move the head.</summary>
    public TransactWriteItem Held(DateTimeOffset now) => new()
    {
        ConditionCheck = new ConditionCheck
        {
            TableName = Tenant.LedgerTable,
            Key = ShardState.Key(Shard),
            ConditionExpression = "#owner = :me AND #until > :now",
            ExpressionAttributeNames = new() { ["#owner"] = ShardState.Owner, ["#until"] = ShardState.Until },
            ExpressionAttributeValues = new()
            {
                [":me"] = new AttributeValue(Owner),
                [":now"] = AttributeValues.N(now.ToUnixTimeMilliseconds()),
            },
        },
    };

    public void Advanced(long newHead) => Head = newHead;

    /// <summary>
    /// Takes or renews the lease of one shard: granted when nobody holds it, this pod does, or the holder's lease ran out.
    /// Null when another pod holds it.
    /// </summary>
    public static async Task<ShardLease?> TryTakeAsync(
        IAmazonDynamoDB dynamo, TenantRecord tenant, int shard, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var until = now + duration;
        try
        {
            var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tenant.LedgerTable,
                Key = ShardState.Key(shard),
                UpdateExpression = "SET #owner = :me, #until = :until, #head = if_not_exists(#head, :zero)",
                ConditionExpression = "attribute_not_exists(#owner) OR #owner = :me OR #until < :now",
                ExpressionAttributeNames = new() { ["#owner"] = ShardState.Owner, ["#until"] = ShardState.Until, ["#head"] = ShardState.Head },
                ExpressionAttributeValues = new()
                {
                    [":me"] = new AttributeValue(owner),
                    [":until"] = AttributeValues.N(until.ToUnixTimeMilliseconds()),
                    [":now"] = AttributeValues.N(now.ToUnixTimeMilliseconds()),
                    [":zero"] = AttributeValues.N(0),
                },
                ReturnValues = ReturnValue.ALL_NEW,
            }, ct);
            return new ShardLease(tenant, shard, owner, until, long.Parse(response.Attributes[ShardState.Head].N, CultureInfo.InvariantCulture));
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>Gives the lease up (a pod shutting down), so another pod takes the shard at once instead of after it runs out.</summary>
    public async Task ReleaseAsync(IAmazonDynamoDB dynamo, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Tenant.LedgerTable,
                Key = ShardState.Key(Shard),
                UpdateExpression = "SET #until = :zero",
                ConditionExpression = "#owner = :me",
                ExpressionAttributeNames = new() { ["#owner"] = ShardState.Owner, ["#until"] = ShardState.Until },
                ExpressionAttributeValues = new() { [":me"] = new AttributeValue(Owner), [":zero"] = AttributeValues.N(0) },
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
        }
    }
}
