namespace BudgetBuddy.Api.Webhooks;

/// <summary>Registers an endpoint: <c>{"url": "https://…", "types": ["transaction.created"], "description": "…"}</c>.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Types, string? Description, bool? Enabled);
