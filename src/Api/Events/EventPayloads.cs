using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// The payload of an entity's event: the entity as its own endpoint shows it, but never a card number (cards render
/// masked) and never a transaction's payee or memos. A sensitive transaction's stay sealed, and the event says it is
/// sensitive; an ordinary one's are left out too, because a transaction can become sensitive later (moved into a
/// sensitive category) and its events are kept for days where sealing cannot reach them. Receivers that need them
/// read the transaction, which discloses them under the usual audit.
/// </summary>
internal static class EventPayloads
{
    /// <summary>Entity types that have events, by their change-feed name; the event types are <c>&lt;name&gt;.created|updated|deleted</c>.</summary>
    public static readonly IReadOnlySet<string> Entities = new HashSet<string>(StringComparer.Ordinal)
    {
        "account", "category", "transaction", "budget", "settings", "card",
    };

    public static JsonElement Render(string entity, Dictionary<string, AttributeValue> item) =>
        entity == TransactionWrites.Entity ? Transaction(TransactionItem.FromItem(item)) : EntityRenderers.Render(entity, item);

    public static JsonElement Transaction(Transaction t) =>
        EntityRenderers.RenderTransaction(t with { Payee = null, Memo = null, Splits = t.Splits?.Select(s => s with { Memo = null }).ToList() });

    public static JsonElement Deleted(string id) => JsonSerializer.SerializeToElement(new DeletedEntity(id), EventJsonContext.Default.DeletedEntity);
}

internal sealed record DeletedEntity(string Id);
