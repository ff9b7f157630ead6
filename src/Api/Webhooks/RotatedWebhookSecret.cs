namespace BudgetBuddy.Api.Webhooks;

/// <summary>A new signing secret, shown this once; the previous one keeps signing beside it until <paramref name="PreviousSecretExpiresAt"/>.</summary>
public sealed record RotatedWebhookSecret(string Secret, DateTimeOffset PreviousSecretExpiresAt);
