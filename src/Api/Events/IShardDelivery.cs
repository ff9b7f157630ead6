namespace BudgetBuddy.Api.Events;

/// <summary>Work done on a shard's events by its lease holder after recording them: delivery to webhooks.</summary>
internal interface IShardDelivery
{
    Task DeliverAsync(ShardLease lease, CancellationToken ct);

    /// <summary>This pod no longer holds the shard: whatever it remembers of the shard may be stale when it holds it again.</summary>
    void Released(string tenantId, int shard);
}
