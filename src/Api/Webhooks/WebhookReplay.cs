namespace BudgetBuddy.Api.Webhooks;

/// <summary>A replay asked for: the endpoint gets again every kept event of its types committed from <see cref="Since"/> on.</summary>
public sealed record WebhookReplay(string WebhookId, DateTimeOffset Since);
