namespace BudgetBuddy.Api.Webhooks;

/// <summary>The answer to a registration: the endpoint, and its signing secret, shown this once and never again.</summary>
public sealed record CreatedWebhook(
    string Id,
    string Url,
    IReadOnlyList<string> Types,
    string? Description,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    string Secret)
{
    public static CreatedWebhook Of(Webhook webhook, string secret) => new(
        webhook.Id, webhook.Url, webhook.Types, webhook.Description, webhook.Enabled, webhook.CreatedAt, webhook.UpdatedAt, webhook.Version, secret);
}
