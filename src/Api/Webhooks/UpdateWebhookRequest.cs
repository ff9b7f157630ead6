namespace BudgetBuddy.Api.Webhooks;

/// <summary>A merge patch of an endpoint; a field left out is left alone. Enabling clears the reason it was disabled.</summary>
public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? Types, string? Description, bool? Enabled);
