using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Events;

/// <summary>Every event type, in one place: what webhooks may subscribe to and the pull feed may filter by.</summary>
internal static class EventTypes
{
    public const string CategoryOverspent = "budget.category_overspent";
    public const string BalanceBelow = "account.balance_below";
    public const string TransactionLarge = "transaction.large";
    public const string ImportCompleted = "import.completed";
    public const string WebhookDisabled = "webhook.disabled";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(
        EventPayloads.Entities.SelectMany(e => new[] { $"{e}.created", $"{e}.updated", $"{e}.deleted" })
            .Concat([CategoryOverspent, BalanceBelow, TransactionLarge, ImportCompleted, WebhookDisabled]),
        StringComparer.Ordinal);

    /// <summary>
    /// The event of an entity's change. Budget entries come into being with their month's first money and are never
    /// deleted, so they are only ever updated.
    /// </summary>
    public static string Of(ChangedEntity change) => change.Type == "budget"
        ? "budget.updated"
        : change.Type + change.Op switch { ChangeOp.Create => ".created", ChangeOp.Delete => ".deleted", _ => ".updated" };
}
