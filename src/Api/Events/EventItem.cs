using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// <c>EVENTLOG#&lt;shard&gt;</c> / <c>&lt;position&gt;</c>: one event in a shard's log. Positions are gap-free, written
/// only by the holder of the shard's lease under a condition on the shard's head, so a reader that has seen position n
/// has seen every event before it.
/// </summary>
internal static class EventItem
{
    private const string PartitionPrefix = "EVENTLOG#";

    public static string Partition(int shard) => PartitionPrefix + shard.ToString(CultureInfo.InvariantCulture);

    public static string SortKey(long position) => position.ToString("D16", CultureInfo.InvariantCulture);

    public static long PositionOf(Dictionary<string, AttributeValue> item) => long.Parse(item[LedgerTable.SortKey].S, CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> ToItem(int shard, long position, Event e, DateTimeOffset expires)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [LedgerTable.PartitionKey] = new AttributeValue(Partition(shard)),
            [LedgerTable.SortKey] = new AttributeValue(SortKey(position)),
            ["id"] = new AttributeValue(e.Id),
            ["type"] = new AttributeValue(e.Type),
            ["at"] = AttributeValues.Time(e.Time),
            // A map, not a JSON string: numbers stay numbers, so an amount is never mistaken for a card number at rest.
            ["data"] = new AttributeValue { M = Document.FromJson(e.Data.GetRawText()).ToAttributeMap(), IsMSet = true },
            [LedgerTable.ExpiresAt] = AttributeValues.N(expires.ToUnixTimeSeconds()),
        };
        if (e.User is not null)
        {
            item["user"] = new AttributeValue(e.User);
        }
        return item;
    }

    public static Event FromItem(string tenant, Dictionary<string, AttributeValue> item) => new(
        item.GetS("id"),
        item.GetS("type"),
        tenant,
        item.GetValueOrDefault("user")?.S,
        item.GetTime("at"),
        JsonDocument.Parse(Document.FromAttributeMap(item["data"].M).ToJson()).RootElement.Clone());
}
