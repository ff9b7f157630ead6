namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// A tenant's data keys, unwrapped: every encryption key by id (the newest encrypts, each decrypts its own
/// ciphertexts) and the fingerprint key. Held in memory for a bounded time by <see cref="TenantKeyring"/>.
/// </summary>
internal sealed class TenantKeys(string tenantId, string primaryId, IReadOnlyDictionary<string, byte[]> encryption, byte[] fingerprint, DateTimeOffset expires)
{
    public string TenantId { get; } = tenantId;

    public string PrimaryId { get; } = primaryId;

    public byte[] Primary => encryption[PrimaryId];

    public byte[] Fingerprint { get; } = fingerprint;

    public DateTimeOffset Expires { get; } = expires;

    public bool TryGet(string keyId, out byte[] key) => encryption.TryGetValue(keyId, out key!);
}
