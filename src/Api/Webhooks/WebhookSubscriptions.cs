using BudgetBuddy.Api.Events;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// What an endpoint's <c>types</c> may name: event types from <see cref="EventTypes.All"/>, or <see cref="Everything"/>,
/// which receives every type, including types added later.
/// </summary>
internal static class WebhookSubscriptions
{
    public const string Everything = "*";

    public static bool IsValid(string type) => type == Everything || EventTypes.All.Contains(type);

    /// <summary>Whether a subscription to <paramref name="subscribed"/> receives an event of <paramref name="type"/>.</summary>
    public static bool Matches(IReadOnlyCollection<string> subscribed, string type) => subscribed.Contains(Everything) || subscribed.Contains(type);
}
