namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// Every event type a webhook can subscribe to, in one place: a change of each entity, and the domain events. A
/// subscription of <see cref="All"/> receives every type, including types added later.
/// </summary>
internal static class EventTypes
{
    public const string All = "*";

    public const string BudgetCategoryOverspent = "budget.category_overspent";
    public const string AccountBalanceBelow = "account.balance_below";
    public const string TransactionLarge = "transaction.large";
    public const string ImportCompleted = "import.completed";
    public const string WebhookDisabled = "webhook.disabled";

    /// <summary>The entities whose every committed change is an event, <c>&lt;entity&gt;.created|updated|deleted</c>.</summary>
    public static readonly IReadOnlyList<string> Entities = ["account", "category", "transaction", "budget", "settings", "card"];

    public static readonly IReadOnlyList<string> Known =
    [
        .. Entities.SelectMany(e => new[] { $"{e}.created", $"{e}.updated", $"{e}.deleted" }),
        BudgetCategoryOverspent, AccountBalanceBelow, TransactionLarge, ImportCompleted, WebhookDisabled,
    ];

    private static readonly HashSet<string> KnownSet = new(Known, StringComparer.Ordinal);

    public static bool IsKnown(string type) => KnownSet.Contains(type);

    /// <summary>Whether a subscription to <paramref name="subscribed"/> receives an event of <paramref name="type"/>.</summary>
    public static bool Matches(IReadOnlyCollection<string> subscribed, string type) => subscribed.Contains(All) || subscribed.Contains(type);
}
