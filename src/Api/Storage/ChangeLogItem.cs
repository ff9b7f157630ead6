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
        item[Entities] = Encode(changes);
        return item;
    }

    /// <summary>The entities a commit changed, as stored in its change-log item and its outbox entry.</summary>
    public static AttributeValue Encode(IReadOnlyList<ChangedEntity> changes) => new()
    {
        L = changes.Select(c =>
        {
            var entity = new Dictionary<string, AttributeValue>
            {
                ["t"] = new(c.Type),
                ["id"] = new(c.Id),
                ["op"] = new(Op(c.Op)),
                ["k"] = new(c.SortKey),
            };
            if (c.Delta is { } delta)
            {
                entity["d"] = AttributeValues.N(delta);
            }
            return new AttributeValue { M = entity };
        }).ToList(),
    };

    public static IEnumerable<ChangedEntity> Decode(AttributeValue entities) =>
        (entities.L ?? []).Select(e => new ChangedEntity(
            e.M["t"].S,
            e.M["id"].S,
            e.M["op"].S switch { "delete" => ChangeOp.Delete, "create" => ChangeOp.Create, _ => ChangeOp.Upsert },
            e.M["k"].S,
            e.M.TryGetValue("d", out var delta) ? long.Parse(delta.N, CultureInfo.InvariantCulture) : null));

    private static string Op(ChangeOp op) => op switch { ChangeOp.Delete => "delete", ChangeOp.Create => "create", _ => "upsert" };

    public static IEnumerable<ChangedEntity> EntitiesOf(Dictionary<string, AttributeValue> item) => Decode(item[Entities]);
}
