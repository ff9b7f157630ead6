using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// Where the operator keeps a tenant's signing key ring (private keys, kids, creation and retirement times) sealed
/// under a data key wrapped by the KEK: one item in the tenant's ledger table, beside the data keys, so a lost or
/// edited Secret is restored with the same keys. Its partition is not <see cref="DataKeyItem.Partition"/>: the API
/// reads (and may unwrap) every item there, and must never be able to read a private signing key.
/// </summary>
public static class SigningKeyRingItem
{
    /// <summary>The partition of the ring; user partitions are <c>USER#…</c> and data keys <c>TENANT#KEYS</c>.</summary>
    public const string Partition = "TENANT#SIGNINGKEYS";

    private const string RingSortKey = "RING";
    private const string Kek = "kek";
    private const string WrappedKey = "wrappedKey";
    private const string Sealed = "sealed";
    private const string VersionAttribute = "version";
    private const string UpdatedAt = "updatedAt";

    public static Dictionary<string, AttributeValue> Key() => new()
    {
        [LedgerTable.PartitionKey] = new AttributeValue(Partition),
        [LedgerTable.SortKey] = new AttributeValue(RingSortKey),
    };

    public static Dictionary<string, AttributeValue> ToItem(SealedSigningKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var item = Key();
        item[Kek] = new AttributeValue(ring.KekId);
        item[WrappedKey] = new AttributeValue { B = new MemoryStream(ring.WrappedKey) };
        item[Sealed] = new AttributeValue { B = new MemoryStream(ring.Sealed) };
        item[VersionAttribute] = new AttributeValue { N = ring.Version.ToString(CultureInfo.InvariantCulture) };
        item[UpdatedAt] = new AttributeValue(ring.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        return item;
    }

    public static SealedSigningKeyRing FromItem(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new SealedSigningKeyRing(
            item[Kek].S,
            item[WrappedKey].B.ToArray(),
            item[Sealed].B.ToArray(),
            long.Parse(item[VersionAttribute].N, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(item[UpdatedAt].S, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A put that succeeds only over the version it replaces (none for the first), so two writers racing cannot
    /// overwrite each other's keys unseen.
    /// </summary>
    public static PutItemRequest Put(string ledgerTable, SealedSigningKeyRing ring, long? replacing)
    {
        var put = new PutItemRequest { TableName = ledgerTable, Item = ToItem(ring) };
        if (replacing is { } version)
        {
            put.ConditionExpression = "#v = :v";
            put.ExpressionAttributeNames = new() { ["#v"] = VersionAttribute };
            put.ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) } };
        }
        else
        {
            put.ConditionExpression = "attribute_not_exists(#sk)";
            put.ExpressionAttributeNames = new() { ["#sk"] = LedgerTable.SortKey };
        }
        return put;
    }
}
