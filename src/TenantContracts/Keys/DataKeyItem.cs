using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// Where a tenant's wrapped data keys live: in its own ledger table, partition <see cref="Partition"/>, beside the
/// data they protect. They survive whatever happens to the registry item or the Secret (both can be rebuilt; a lost
/// data key cannot), and go only when the table goes. Wrapped keys are not secret without the KEK.
/// </summary>
public static class DataKeyItem
{
    /// <summary>The partition of the tenant's keys; user partitions are <c>USER#…</c>, so it cannot collide.</summary>
    public const string Partition = "TENANT#KEYS";

    private const string EncryptionPrefix = "DATAKEY#";
    private const string FingerprintSortKey = "FINGERPRINTKEY";
    private const string Kek = "kek";
    private const string Wrapped = "wrapped";
    private const string CreatedAt = "createdAt";

    /// <summary>A new encryption key's id: sortable by creation time, so the newest is the last.</summary>
    public static string NewEncryptionKeyId(DateTimeOffset now) =>
        $"dk{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>The fingerprint key's id (there is one).</summary>
    public const string FingerprintKeyId = "fp1";

    public static Dictionary<string, AttributeValue> ToItem(TenantDataKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new()
        {
            [LedgerTable.PartitionKey] = new AttributeValue(Partition),
            [LedgerTable.SortKey] = new AttributeValue(SortKey(key.Purpose, key.Id)),
            [Kek] = new AttributeValue(key.KekId),
            [Wrapped] = new AttributeValue { B = new MemoryStream(key.Wrapped) },
            [CreatedAt] = new AttributeValue(key.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        };
    }

    public static TenantDataKey FromItem(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sortKey = item[LedgerTable.SortKey].S;
        var (purpose, id) = sortKey == FingerprintSortKey
            ? (DataKeyPurpose.Fingerprint, FingerprintKeyId)
            : (DataKeyPurpose.Encryption, sortKey[EncryptionPrefix.Length..]);
        return new TenantDataKey(
            id,
            purpose,
            item[Kek].S,
            item[Wrapped].B.ToArray(),
            DateTimeOffset.Parse(item[CreatedAt].S, CultureInfo.InvariantCulture));
    }

    public static string SortKey(DataKeyPurpose purpose, string id) =>
        purpose == DataKeyPurpose.Fingerprint ? FingerprintSortKey : EncryptionPrefix + id;

    /// <summary>A strongly consistent query of every key of the tenant, oldest encryption key first.</summary>
    public static QueryRequest Query(string ledgerTable) => new()
    {
        TableName = ledgerTable,
        KeyConditionExpression = "#pk = :pk",
        ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(Partition) },
        ConsistentRead = true,
    };
}
