using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.UnitTests.Retention;

/// <summary>How the chainer carries a pending record's expiry into the chain.</summary>
public sealed class AuditExpiryTests
{
    private static Dictionary<string, AttributeValue> Pending(string id, long? expiresAt)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [AuditTable.PartitionKey] = new AttributeValue(AuditItems.PendingPartition),
            [AuditTable.SortKey] = new AttributeValue(id),
            [AuditItems.Record] = new AttributeValue(
                new AuditRecord(id, DateTimeOffset.UnixEpoch, "acme", "alice", "", "POST /v1/accounts", [], "committed", id, true).ToJson()),
        };
        if (expiresAt is { } value)
        {
            item[AuditTable.ExpiresAt] = AuditItems.Number(value);
        }
        return item;
    }

    private static List<long?> ChainedExpiries(List<TransactWriteItem> items) =>
        [.. items.Where(i => i.Put?.Item[AuditTable.SortKey].S.StartsWith(AuditItems.SequencePrefix, StringComparison.Ordinal) == true)
            .Select(i => i.Put.Item.TryGetValue(AuditTable.ExpiresAt, out var v) ? long.Parse(v.N, CultureInfo.InvariantCulture) : (long?)null)];

    [Fact]
    public void Expiries_never_decrease_along_the_chain_so_only_its_oldest_records_can_expire()
    {
        var head = new AuditHead(4, AuditHash.Genesis, ExpiresAtFloor: 2_000);

        // A shortened policy stamps 1_500, a record from a pod before retention stamps nothing, a longer one 3_000.
        var (items, next) = AuditChainLink.Build("audit", head, [Pending("a", 1_500), Pending("b", null), Pending("c", 3_000), Pending("d", 2_500)]);

        Assert.Equal([2_000, 2_000, 3_000, 3_000], ChainedExpiries(items));
        Assert.Equal(new AuditHead(8, next.Hash, 3_000), next);
        var headItem = items.Single(i => i.Put?.Item[AuditTable.SortKey].S == AuditItems.HeadSortKey).Put.Item;
        Assert.Equal("3000", headItem[AuditItems.ExpiresAtFloor].N);
        Assert.False(headItem.ContainsKey(AuditTable.ExpiresAt), "the head must never expire");
    }

    [Fact]
    public void A_chain_that_never_had_a_stamp_keeps_its_records_unstamped()
    {
        var (items, next) = AuditChainLink.Build("audit", AuditHead.Genesis, [Pending("a", null)]);

        Assert.Equal([null], ChainedExpiries(items));
        Assert.Equal(0, next.ExpiresAtFloor);
    }

    [Fact]
    public void A_pending_record_is_stamped_with_its_writers_policy()
    {
        var written = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        var record = new AuditRecord("r1", written, "acme", "alice", "", "POST /v1/accounts", [], "committed", "r1", true);

        var item = AuditItems.Pending(record, new RetentionPolicy(7, 3, 7));

        Assert.Equal(written.AddYears(3).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), item[AuditTable.ExpiresAt].N);
    }
}
