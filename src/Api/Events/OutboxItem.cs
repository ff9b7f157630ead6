using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// <c>OUTBOX#&lt;shard&gt;</c> / <c>&lt;userId&gt;#&lt;sequence&gt;</c>: put in the same transaction as the change it
/// announces, so it exists if and only if the change committed; the projector turns it into events and deletes it in
/// one transaction. A strongly consistent Query of the shard's partition therefore lists exactly the commits not yet
/// projected, oldest first per user, however late a commit lands.
/// </summary>
internal static class OutboxItem
{
    private const string PartitionPrefix = "OUTBOX#";

    /// <summary>How many of the entry's events an earlier transaction already recorded (an entry with more than one transaction holds).</summary>
    public const string Emitted = "emitted";

    public static string Partition(int shard) => PartitionPrefix + shard.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> Key(string userId, long sequence) => new()
    {
        [LedgerTable.PartitionKey] = new AttributeValue(Partition(EventShards.Of(userId))),
        [LedgerTable.SortKey] = new AttributeValue($"{userId}#{sequence.ToString("D16", CultureInfo.InvariantCulture)}"),
    };

    public static Dictionary<string, AttributeValue> ToItem(
        string userId, long sequence, IReadOnlyList<ChangedEntity> changes, IReadOnlyList<EventDraft> drafts, DateTimeOffset at)
    {
        var item = Key(userId, sequence);
        item["user"] = new AttributeValue(userId);
        item["seq"] = AttributeValues.N(sequence);
        item["at"] = AttributeValues.Time(at);
        item["entities"] = ChangeLogItem.Encode(changes);
        if (drafts.Count > 0)
        {
            item["drafts"] = new AttributeValue
            {
                L = drafts.Select(d => new AttributeValue
                {
                    M = new() { ["type"] = new AttributeValue(d.Type), ["data"] = new AttributeValue(d.Data.GetRawText()) },
                }).ToList(),
            };
        }
        return item;
    }

    public static OutboxEntry FromItem(Dictionary<string, AttributeValue> item) => new(
        item["user"].S,
        item.GetN("seq"),
        item.GetTime("at"),
        [.. ChangeLogItem.Decode(item["entities"])],
        [.. (item.GetValueOrDefault("drafts")?.L ?? []).Select(d => new EventDraft(d.M["type"].S, JsonDocument.Parse(d.M["data"].S).RootElement.Clone()))],
        item.TryGetValue(Emitted, out var emitted) ? int.Parse(emitted.N, CultureInfo.InvariantCulture) : 0,
        new Dictionary<string, AttributeValue>
        {
            [LedgerTable.PartitionKey] = item[LedgerTable.PartitionKey],
            [LedgerTable.SortKey] = item[LedgerTable.SortKey],
        });
}

/// <summary>One committed change waiting to become events.</summary>
internal sealed record OutboxEntry(
    string UserId, long Sequence, DateTimeOffset At, IReadOnlyList<ChangedEntity> Changes, IReadOnlyList<EventDraft> Drafts,
    int Emitted, Dictionary<string, AttributeValue> Key);
