namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// What the sender needs of an endpoint: where to post, and the secrets signing now (the current one first, then a
/// rotated-out one still in its overlap). Its text form names the endpoint only, so logging it never logs a secret.
/// </summary>
/// <param name="CreatedAt">Deliveries start with the events committed from then on.</param>
/// <param name="Replay">How many replays were asked for; the dispatcher starts again from <see cref="ReplaySince"/> when its count is behind.</param>
public sealed record WebhookEndpoint(
    string Id, Uri Url, IReadOnlyList<string> Types, bool Enabled, IReadOnlyList<string> Secrets,
    DateTimeOffset CreatedAt = default, long Replay = 0, DateTimeOffset? ReplaySince = null)
{
    /// <summary>When it was last enabled (its registration, unless it was disabled since): earlier failures do not count against it.</summary>
    public DateTimeOffset EnabledAt { get; init; }

    /// <summary>Whether the endpoint is subscribed to events of <paramref name="eventType"/>.</summary>
    public bool Accepts(string eventType) => WebhookSubscriptions.Matches(Types, eventType);

    public override string ToString() => $"webhook {Id} ({Url.Scheme}://{Url.Authority})";
}
