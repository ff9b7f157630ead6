using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// <c>EVENTSHARDS</c> / <c>&lt;shard&gt;</c>: who holds a shard's lease and until when, and the shard log's head (its last
/// position). Every write of the holder (events, webhook progress) is conditional on this item still naming it as holder
/// with the head it read, so a holder that was paused past its lease and wakes up changes nothing.
/// </summary>
internal static class ShardState
{
    public const string Partition = "EVENTSHARDS";
    public const string Owner = "owner";
    public const string Until = "until";
    public const string Head = "head";

    public static Dictionary<string, AttributeValue> Key(int shard) => new()
    {
        [LedgerTable.PartitionKey] = new AttributeValue(Partition),
        [LedgerTable.SortKey] = new AttributeValue(shard.ToString("D2", CultureInfo.InvariantCulture)),
    };

}
