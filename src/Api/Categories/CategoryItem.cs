using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Categories;

/// <summary>Maps a <see cref="Category"/> to its ledger item <c>(USER#&lt;user&gt;, CATEGORY#&lt;id&gt;)</c> and back.</summary>
internal static class CategoryItem
{
    public const string SortKeyPrefix = "CATEGORY#";

    /// <summary>BOOL; absent on categories stored before sensitivity existed, which reads as false.</summary>
    public const string Sensitive = "sensitive";

    public static string SortKey(string id) => SortKeyPrefix + id;

    public static Dictionary<string, AttributeValue> ToItem(string userId, Category category)
    {
        var item = LedgerKeys.Key(userId, SortKey(category.Id));
        item["entity"] = AttributeValues.S("category");
        item["id"] = AttributeValues.S(category.Id);
        item["name"] = AttributeValues.S(category.Name);
        item["group"] = AttributeValues.S(category.Group);
        item["hidden"] = AttributeValues.Bool(category.Hidden);
        item[Sensitive] = AttributeValues.Bool(category.Sensitive);
        item["createdAt"] = AttributeValues.Time(category.CreatedAt);
        item[VersionedItems.UpdatedAt] = AttributeValues.Time(category.UpdatedAt);
        item[VersionedItems.Version] = AttributeValues.N(category.Version);
        return item;
    }

    public static Category FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("id"),
        item.GetS("name"),
        item.GetS("group"),
        item.GetBool("hidden"),
        item.GetBool(Sensitive),
        item.GetTime("createdAt"),
        item.GetTime(VersionedItems.UpdatedAt),
        item.GetN(VersionedItems.Version));
}
