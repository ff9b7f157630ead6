using System.Security.Cryptography;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// A tenant's data keys, unwrapped: every encryption key by id (the newest encrypts and wraps new user keys, each
/// opens what it sealed), the fingerprint key and the pseudonym key. Held in memory for a bounded time by
/// <see cref="TenantKeyring"/>.
/// </summary>
internal sealed class TenantKeys(string tenantId, string primaryId, IReadOnlyDictionary<string, byte[]> encryption, byte[] fingerprint, DateTimeOffset expires)
{
    public string TenantId { get; } = tenantId;

    public string PrimaryId { get; } = primaryId;

    public byte[] Primary => encryption[PrimaryId];

    public byte[] Fingerprint { get; } = fingerprint;

    /// <summary>
    /// The key of the audit trail's pseudonyms, derived (HKDF) from the fingerprint key rather than stored: tenant-wide
    /// and never a user's own key, so erasing a user leaves every pseudonym as it was and the chain verifies.
    /// </summary>
    public byte[] Pseudonym { get; } = PseudonymKeyOf(fingerprint);

    public static byte[] PseudonymKeyOf(byte[] fingerprintKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, fingerprintKey, 32, info: "audit-pseudonym/v1"u8.ToArray());

    public DateTimeOffset Expires { get; } = expires;

    public bool TryGet(string keyId, out byte[] key) => encryption.TryGetValue(keyId, out key!);
}
