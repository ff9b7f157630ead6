using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// <c>CHANGE#&lt;sequence&gt;</c>: one item per committed ledger write of a user, listing the entities it changed. The
/// sequence is contiguous and in commit order per user, which is what makes the change feed skip-free.
/// </summary>
internal static class ChangeLogItem
{
    public const string SortKeyPrefix = "CHANGE#";
    private const string Entities = "entities";

    public static string SortKey(long sequence) => SortKeyPrefix + sequence.ToString("D16", CultureInfo.InvariantCulture);

    public static long SequenceOf(string sortKey) => long.Parse(sortKey.AsSpan(SortKeyPrefix.Length), CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> ToItem(string userId, long sequence, IReadOnlyList<ChangedEntity> changes, DateTimeOffset at)
    {
        var item = LedgerKeys.Key(userId, SortKey(sequence));
        item["at"] = AttributeValues.Time(at);
        item[Entities] = new AttributeValue
        {
            L = changes.Select(c => new AttributeValue
            {
                M = new Dictionary<string, AttributeValue>
                {
                    ["t"] = new(c.Type),
                    ["id"] = new(c.Id),
                    ["op"] = new(c.Op == ChangeOp.Delete ? "delete" : "upsert"),
                    ["k"] = new(c.SortKey),
                },
            }).ToList(),
        };
        return item;
    }

    public static IEnumerable<ChangedEntity> EntitiesOf(Dictionary<string, AttributeValue> item) =>
        (item[Entities].L ?? []).Select(e => new ChangedEntity(
            e.M["t"].S,
            e.M["id"].S,
            e.M["op"].S == "delete" ? ChangeOp.Delete : ChangeOp.Upsert,
            e.M["k"].S));
}
