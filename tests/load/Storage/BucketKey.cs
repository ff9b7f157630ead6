using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// A budget bucket <c>BUDGET#&lt;month&gt;#&lt;currency&gt;#&lt;bucket&gt;</c>: where a transaction's amount lands
/// (its category, or income, uncategorised outflow, transfer), and the updates that move it.
/// </summary>
internal readonly record struct BucketKey(string Month, string Currency, string Bucket)
{
    public const string Prefix = "BUDGET#";
    public const string Income = "INCOME";
    public const string Uncategorized = "UNCATEGORIZED";
    public const string Transfer = "TRANSFER";

    public string SortKey => $"{Prefix}{Month}#{Currency}#{Bucket}";

    /// <summary>The bucket's id in the change feed.</summary>
    public string Id => $"{Month}:{Currency}:{Bucket}";

    public ChangedEntity Change => new("budget", Id, SortKey);

    /// <summary>The one bucket a transaction without split lines lands in.</summary>
    public static BucketKey Of(TransactionFacts t) => new(
        t.Date[..7],
        t.Currency,
        t.TransferAccountId is not null ? Transfer : t.CategoryId ?? (t.Amount > 0 ? Income : Uncategorized));

    /// <summary>Moves the bucket's activity, creating it on first use.</summary>
    public Update AddActivity(LedgerUser user, long delta) => new()
    {
        TableName = user.LedgerTable,
        Key = user.Key(SortKey),
        UpdateExpression = "SET #e = :e, #m = :m, #cur = :cur, #c = :c ADD #act :d",
        ExpressionAttributeNames = new() { ["#e"] = "entity", ["#m"] = "month", ["#cur"] = "currency", ["#c"] = "categoryId", ["#act"] = "activity" },
        ExpressionAttributeValues = Values(":d", delta),
    };

    /// <summary>Sets what is assigned to the bucket's category, creating it on first use.</summary>
    public Update SetAssigned(LedgerUser user, long assigned) => new()
    {
        TableName = user.LedgerTable,
        Key = user.Key(SortKey),
        UpdateExpression = "SET #e = :e, #m = :m, #cur = :cur, #c = :c, #as = :as",
        ExpressionAttributeNames = new() { ["#e"] = "entity", ["#m"] = "month", ["#cur"] = "currency", ["#c"] = "categoryId", ["#as"] = "assigned" },
        ExpressionAttributeValues = Values(":as", assigned),
    };

    private Dictionary<string, AttributeValue> Values(string name, long value) => new()
    {
        [":e"] = LedgerItems.S("budget"),
        [":m"] = LedgerItems.S(Month),
        [":cur"] = LedgerItems.S(Currency),
        [":c"] = LedgerItems.S(Bucket),
        [name] = new AttributeValue { N = value.ToString(CultureInfo.InvariantCulture) },
    };
}
