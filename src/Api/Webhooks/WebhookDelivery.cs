namespace BudgetBuddy.Api.Webhooks;

/// <summary>A delivery attempt as <c>GET /v1/webhooks/{id}/deliveries</c> lists it, newest first.</summary>
/// <param name="Outcome">delivered, rejected (another status), timeout, refused (the target failed the SSRF guard) or network_error.</param>
public sealed record WebhookDelivery(
    string EventId, string EventType, int Attempt, string Outcome, int? StatusCode, long DurationMs, DateTimeOffset Time, DateTimeOffset? NextRetryAt);
