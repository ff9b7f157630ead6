using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// How far one endpoint's deliveries have come in one shard's log: <c>EVENTSHARDS</c> /
/// <c>&lt;shard&gt;#&lt;webhook id&gt;</c>, beside the shard's lease, written only by the lease's holder under its
/// condition. Everything after <see cref="Position"/> is still to be delivered, in order; the event right after it has
/// failed <see cref="Failures"/> times, the first at <see cref="FailingSince"/>, and waits until <see cref="RetryAt"/>.
/// </summary>
/// <param name="Replay">The endpoint's replay count this cursor has started over for.</param>
internal sealed record DeliveryCursor(long Position, int Failures, DateTimeOffset? FailingSince, DateTimeOffset? RetryAt, long Replay)
{
    public DeliveryCursor Delivered(long position) => new(position, 0, null, null, Replay);

    public DeliveryCursor Failed(DateTimeOffset now, DateTimeOffset? retryAt) => this with
    {
        Failures = Failures + 1,
        FailingSince = FailingSince ?? now,
        RetryAt = retryAt,
    };

    public static Dictionary<string, AttributeValue> Key(int shard, string webhookId) => LedgerKeys.KeyIn(
        ShardState.Partition, string.Create(CultureInfo.InvariantCulture, $"{shard:D2}#{webhookId}"));

    public TransactWriteItem Put(TenantRecord tenant, int shard, string webhookId)
    {
        var item = Key(shard, webhookId);
        item["position"] = AttributeValues.N(Position);
        item["failures"] = AttributeValues.N(Failures);
        item["replay"] = AttributeValues.N(Replay);
        if (FailingSince is { } since)
        {
            item["failingSince"] = AttributeValues.Time(since);
        }
        if (RetryAt is { } retry)
        {
            item["retryAt"] = AttributeValues.Time(retry);
        }
        return new TransactWriteItem { Put = new Put { TableName = tenant.LedgerTable, Item = item } };
    }

    public static DeliveryCursor FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetN("position"),
        (int)item.GetN("failures"),
        item.ContainsKey("failingSince") ? item.GetTime("failingSince") : null,
        item.ContainsKey("retryAt") ? item.GetTime("retryAt") : null,
        item.GetN("replay"));
}
