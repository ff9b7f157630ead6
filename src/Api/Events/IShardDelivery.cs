namespace BudgetBuddy.Api.Events;

/// <summary>Work done on a shard's events by its lease holder after recording them: delivery to webhooks.</summary>
internal interface IShardDelivery
{
    Task DeliverAsync(ShardLease lease, CancellationToken ct);
}
