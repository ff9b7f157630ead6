namespace BudgetBuddy.Api.Webhooks;

/// <summary>What the webhook handlers need, bound as one parameter.</summary>
internal sealed record WebhookServices(WebhookStore Store, WebhookDeliveries Deliveries, WebhookTargets Targets);
