using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Alerts;

/// <summary>The user's item <c>ALERTS</c>.</summary>
internal static class AlertSettingsItem
{
    public const string SortKey = "ALERTS";
    public const string Entity = "alerts";

    public static Dictionary<string, AttributeValue> ToItem(string userId, AlertSettings settings)
    {
        var item = LedgerKeys.Key(userId, SortKey);
        item["lowBalance"] = new AttributeValue { M = settings.LowBalance.ToDictionary(a => a.AccountId, a => AttributeValues.N(a.Below), StringComparer.Ordinal), IsMSet = true };
        item["overspend"] = AttributeValues.Bool(settings.Overspend);
        if (settings.LargeTransaction is { } large)
        {
            item["largeTransaction"] = AttributeValues.N(large);
        }
        return item;
    }

    public static AlertSettings FromItem(Dictionary<string, AttributeValue>? item) => item is null
        ? AlertSettings.None
        : new AlertSettings(
            [.. (item.GetValueOrDefault("lowBalance")?.M ?? []).OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new LowBalanceAlert(e.Key, long.Parse(e.Value.N, CultureInfo.InvariantCulture)))],
            item.TryGetValue("largeTransaction", out var large) ? long.Parse(large.N, CultureInfo.InvariantCulture) : null,
            item.GetBool("overspend"));
}
