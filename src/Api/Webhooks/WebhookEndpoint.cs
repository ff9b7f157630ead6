namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// What the sender needs of an endpoint: where to post, and the secrets signing now (the current one first, then a
/// rotated-out one still in its overlap). Its text form names the endpoint only, so logging it never logs a secret.
/// </summary>
public sealed record WebhookEndpoint(string Id, Uri Url, IReadOnlyList<string> Types, bool Enabled, IReadOnlyList<string> Secrets)
{
    /// <summary>Whether the endpoint is subscribed to events of <paramref name="eventType"/>.</summary>
    public bool Accepts(string eventType) => WebhookSubscriptions.Matches(Types, eventType);

    public override string ToString() => $"webhook {Id} ({Url.Scheme}://{Url.Authority})";
}
