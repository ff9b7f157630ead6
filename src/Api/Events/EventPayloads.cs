using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// The payload of an entity's event: the entity as its own endpoint shows it, but never a sensitive transaction's payee
/// or memos (they stay sealed; the event only says the transaction is sensitive) and never a card number (cards render
/// masked).
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

    public static JsonElement Transaction(Transaction t) => EntityRenderers.RenderTransaction(t.Sensitive
        ? t with { Payee = null, Memo = null, Splits = t.Splits?.Select(s => s with { Memo = null }).ToList() }
        : t);

    public static JsonElement Deleted(string id) => JsonSerializer.SerializeToElement(new DeletedEntity(id), EventJsonContext.Default.DeletedEntity);
}

internal sealed record DeletedEntity(string Id);
