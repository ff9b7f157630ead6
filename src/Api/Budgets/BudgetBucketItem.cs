using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Budgets;

/// <summary>Maps a budget bucket <c>BUDGET#&lt;month&gt;#&lt;currency&gt;#&lt;bucket&gt;</c> and builds its updates.</summary>
internal static class BudgetBucketItem
{
    public const string Activity = "activity";
    public const string Assigned = "assigned";

    /// <summary>Moves the bucket's activity by <paramref name="delta"/>, creating the bucket on first use.</summary>
    public static Update AddActivity(string table, string userId, BucketKey key, long delta) => new()
    {
        TableName = table,
        Key = LedgerKeys.Key(userId, key.SortKey),
        UpdateExpression = "SET #e = :e, #m = :m, #cur = :cur, #c = :c ADD #act :d",
        ExpressionAttributeNames = new() { ["#e"] = "entity", ["#m"] = "month", ["#cur"] = "currency", ["#c"] = "categoryId", ["#act"] = Activity },
        ExpressionAttributeValues = new()
        {
            [":e"] = AttributeValues.S("budget"),
            [":m"] = AttributeValues.S(key.Month),
            [":cur"] = AttributeValues.S(key.Currency),
            [":c"] = AttributeValues.S(key.Bucket),
            [":d"] = AttributeValues.N(delta),
        },
    };

    /// <summary>Sets what is assigned to the bucket's category, creating the bucket on first use.</summary>
    public static Update SetAssigned(string table, string userId, BucketKey key, long assigned) => new()
    {
        TableName = table,
        Key = LedgerKeys.Key(userId, key.SortKey),
        UpdateExpression = "SET #e = :e, #m = :m, #cur = :cur, #c = :c, #as = :as",
        ExpressionAttributeNames = new() { ["#e"] = "entity", ["#m"] = "month", ["#cur"] = "currency", ["#c"] = "categoryId", ["#as"] = Assigned },
        ExpressionAttributeValues = new()
        {
            [":e"] = AttributeValues.S("budget"),
            [":m"] = AttributeValues.S(key.Month),
            [":cur"] = AttributeValues.S(key.Currency),
            [":c"] = AttributeValues.S(key.Bucket),
            [":as"] = AttributeValues.N(assigned),
        },
    };

    public static BudgetEntry FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("month"),
        item.GetS("currency"),
        item.GetS("categoryId"),
        item.TryGetValue(Assigned, out var assigned) ? long.Parse(assigned.N, System.Globalization.CultureInfo.InvariantCulture) : 0,
        item.TryGetValue(Activity, out var activity) ? long.Parse(activity.N, System.Globalization.CultureInfo.InvariantCulture) : 0);
}
