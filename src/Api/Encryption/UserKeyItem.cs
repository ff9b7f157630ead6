using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// A user's data key <c>(USER#&lt;user&gt;, USERKEY)</c>: 256 random bits sealed (AES-GCM) under one of the tenant's
/// data keys, which the item names, and bound to its tenant, user and id, so a copy moved to another user does not open.
/// </summary>
internal static class UserKeyItem
{
    public const string SortKey = "USERKEY";

    /// <summary>Every user key id starts so; a tenant data key's never does (<c>dk…</c>), so a ciphertext says which kind opens it.</summary>
    public const string IdPrefix = "uk";

    private const string Id = "keyId";
    private const string WrappingKeyId = "wrappingKeyId";
    private const string Wrapped = "wrapped";
    private const string CreatedAt = "createdAt";

    public static bool IsUserKeyId(string keyId) => keyId.StartsWith(IdPrefix, StringComparison.Ordinal);

    public static string NewId() => IdPrefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>The associated data of the wrapped key: <c>user-key|tenant|user|key id</c>.</summary>
    public static string WrapContext(string tenantId, string userId, string keyId) => $"user-key|{tenantId}|{userId}|{keyId}";

    public static Dictionary<string, AttributeValue> ToItem(string userId, string keyId, string wrappingKeyId, byte[] wrapped, DateTimeOffset now)
    {
        var item = LedgerKeys.Key(userId, SortKey);
        item[Id] = AttributeValues.S(keyId);
        item[WrappingKeyId] = AttributeValues.S(wrappingKeyId);
        item[Wrapped] = new AttributeValue { B = new MemoryStream(wrapped) };
        item[CreatedAt] = AttributeValues.Time(now);
        return item;
    }

    public static (string KeyId, string WrappingKeyId, byte[] Wrapped) FromItem(Dictionary<string, AttributeValue> item) =>
        (item.GetS(Id), item.GetS(WrappingKeyId), item[Wrapped].B.ToArray());
}
