namespace BudgetBuddy.Api.Events;

/// <summary>How events are projected: configuration section <c>Events</c>.</summary>
internal sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>How often a pod looks for new commits in the shards it holds (a commit in this pod is picked up at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a shard's lease lasts unless renewed; a pod that dies holds its shards this long at most.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long events are kept (DynamoDB TTL deletes them some time after).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the list of tenants is read again, to reach tenants no request to this pod named.</summary>
    public TimeSpan TenantRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsValid =>
        PollInterval > TimeSpan.Zero
        && LeaseDuration >= 3 * PollInterval
        && Retention >= TimeSpan.FromDays(7)
        && TenantRefresh > TimeSpan.Zero;
}
