using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Alerts;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Changes;

/// <summary>
/// How each entity type in the change feed turns from its stored item into the JSON clients know. Transactions are
/// not rendered from their items: they may be sealed, so the feed reveals them first (<see cref="RenderTransaction"/>).
/// </summary>
internal static class EntityRenderers
{
    private static readonly Dictionary<string, Func<Dictionary<string, AttributeValue>, JsonElement>> Renderers = new(StringComparer.Ordinal)
    {
        ["account"] = item => JsonSerializer.SerializeToElement(AccountItem.FromItem(item), ApiJsonContext.Default.Account),
        ["category"] = item => JsonSerializer.SerializeToElement(CategoryItem.FromItem(item), ApiJsonContext.Default.Category),
        ["settings"] = item => JsonSerializer.SerializeToElement(new UserSettings(item.GetValueOrDefault("homeCurrency")?.S), ApiJsonContext.Default.UserSettings),
        ["card"] = item => JsonSerializer.SerializeToElement(Cards.CardItem.FromItem(item), ApiJsonContext.Default.Card),
        ["budget"] = item => JsonSerializer.SerializeToElement(BudgetBucketItem.FromItem(item), ApiJsonContext.Default.BudgetEntry),
        [AlertSettingsItem.Entity] = item => JsonSerializer.SerializeToElement(AlertSettingsItem.FromItem(item), EventJsonContext.Default.AlertSettings),
    };

    /// <summary>A transaction as revealed from its item (never a sealed one: clients would get ciphertext).</summary>
    public static JsonElement RenderTransaction(Transaction revealed) => JsonSerializer.SerializeToElement(revealed, ApiJsonContext.Default.Transaction);

    public static JsonElement Render(string type, Dictionary<string, AttributeValue> item) =>
        Renderers.TryGetValue(type, out var render)
            ? render(item)
            : throw new InvalidDataException($"The change feed has no renderer for entity type '{type}'.");
}
