namespace BudgetBuddy.Api.Events;

/// <summary>Work done on a shard's events by its lease holder after recording them: delivery to webhooks.</summary>
internal interface IShardDelivery
{
    Task DeliverAsync(ShardLease lease, CancellationToken ct);

    /// <summary>The lease this work needs left to start a step; the worker renews leases before they fall below it.</summary>
    TimeSpan LeaseNeeded { get; }

    /// <summary>This pod no longer holds the shard: whatever it remembers of the shard may be stale when it holds it again.</summary>
    void Released(string tenantId, int shard);
}
