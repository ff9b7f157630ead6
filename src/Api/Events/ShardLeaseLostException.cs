namespace BudgetBuddy.Api.Events;

/// <summary>A write of a shard's holder failed its lease condition: another pod holds the shard now, and this pod's work there stops.</summary>
internal sealed class ShardLeaseLostException(ShardLease lease, Exception inner)
    : Exception($"Lost the lease of event shard {lease.Shard} of tenant {lease.Tenant.TenantId}.", inner);
