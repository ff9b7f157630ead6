namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// A tenant's webhook endpoint as the API shows it: where events go, which types, and whether it is sending. The
/// signing secret is never part of it; it is shown once, when created or rotated.
/// </summary>
/// <param name="DisabledReason">Why the endpoint stopped, when deliveries failed for too long; null when enabled or disabled by hand.</param>
/// <param name="PreviousSecretExpiresAt">Until when the rotated-out secret still signs beside the current one; null without one.</param>
public sealed record Webhook(
    string Id,
    string Url,
    IReadOnlyList<string> Types,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
