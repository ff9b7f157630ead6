namespace BudgetBuddy.Api.Webhooks;

/// <summary>The payload of a <c>webhook.disabled</c> event: which endpoint stopped receiving, and why.</summary>
public sealed record WebhookDisabled(string Id, string Url, string Reason);
