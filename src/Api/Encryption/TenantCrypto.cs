using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// Encrypts, decrypts, fingerprints and pseudonymises with a tenant's and its users' data keys; the one entry point
/// features use. Whatever is sealed now is sealed under the user's own key (<see cref="UserKeys"/>), which erasure
/// destroys; a ciphertext names its key, so what was sealed under a tenant data key before user keys existed still
/// opens under that key.
/// </summary>
internal sealed class TenantCrypto(TenantKeyring keyring, UserKeys userKeys)
{
    public async Task<string> EncryptAsync(TenantRecord tenant, string userId, string plaintext, string context, CancellationToken ct)
    {
        var (keyId, key) = await userKeys.ForSealingAsync(tenant, userId, ct);
        return FieldCipher.Encrypt(keyId, key, plaintext, context);
    }

    public async Task<string> DecryptAsync(TenantRecord tenant, string userId, string ciphertext, string context, CancellationToken ct)
    {
        var keyId = FieldCipher.KeyIdOf(ciphertext) ?? throw new CryptographicException("Not a field ciphertext.");
        return FieldCipher.Decrypt(await KeyAsync(tenant, userId, keyId, ct), ciphertext, context);
    }

    /// <summary>
    /// Text sealed under the tenant's newest data key, for what must stay readable when a user's key is gone: the
    /// subject of an erasure in progress, which the erasure itself removes when it completes.
    /// </summary>
    public async Task<string> EncryptForTenantAsync(TenantRecord tenant, string plaintext, string context, CancellationToken ct)
    {
        var keys = await keyring.GetAsync(tenant, ct);
        return FieldCipher.Encrypt(keys.PrimaryId, keys.Primary, plaintext, context);
    }

    /// <summary>Bytes sealed under the user's key, with the key's id to open them by.</summary>
    public async Task<(string KeyId, byte[] Sealed)> SealAsync(TenantRecord tenant, string userId, ReadOnlyMemory<byte> clear, string context, CancellationToken ct)
    {
        var (keyId, key) = await userKeys.ForSealingAsync(tenant, userId, ct);
        return (keyId, FieldCipher.Seal(key, clear.Span, context));
    }

    public async Task<byte[]> OpenAsync(TenantRecord tenant, string userId, string keyId, byte[] sealedBytes, string context, CancellationToken ct) =>
        FieldCipher.Open(await KeyAsync(tenant, userId, keyId, ct), sealedBytes, context);

    /// <summary>Bytes sealed under the tenant's newest data key: the tenant's own secrets (webhook signing secrets), no user's.</summary>
    public async Task<(string KeyId, byte[] Sealed)> SealForTenantAsync(TenantRecord tenant, ReadOnlyMemory<byte> clear, string context, CancellationToken ct)
    {
        var keys = await keyring.GetAsync(tenant, ct);
        return (keys.PrimaryId, FieldCipher.Seal(keys.Primary, clear.Span, context));
    }

    public async Task<byte[]> OpenForTenantAsync(TenantRecord tenant, string keyId, byte[] sealedBytes, string context, CancellationToken ct) =>
        FieldCipher.Open(await keyring.KeyAsync(tenant, keyId, ct), sealedBytes, context);

    /// <summary>HMAC-SHA-256 under the tenant's fingerprint key: equal values give equal fingerprints, which reveal nothing else.</summary>
    public async Task<string> FingerprintAsync(TenantRecord tenant, string value, CancellationToken ct)
    {
        var keys = await keyring.GetAsync(tenant, ct);
        return Base64Url.EncodeToString(HMACSHA256.HashData(keys.Fingerprint, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>The pseudonym the audit trail knows <paramref name="userId"/> by (<see cref="AuditPseudonym"/>).</summary>
    public async Task<string> PseudonymAsync(TenantRecord tenant, string userId, CancellationToken ct) =>
        AuditPseudonym.Of((await keyring.GetAsync(tenant, ct)).Pseudonym, userId);

    private async Task<byte[]> KeyAsync(TenantRecord tenant, string userId, string keyId, CancellationToken ct) =>
        UserKeyItem.IsUserKeyId(keyId)
            ? await userKeys.ForOpeningAsync(tenant, userId, keyId, ct)
            : await keyring.KeyAsync(tenant, keyId, ct);
}
