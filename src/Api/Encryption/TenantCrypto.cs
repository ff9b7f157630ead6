using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Encryption;

/// <summary>Encrypts, decrypts and fingerprints fields with a tenant's data keys; the one entry point features use.</summary>
internal sealed class TenantCrypto(TenantKeyring keyring)
{
    public async Task<string> EncryptAsync(TenantRecord tenant, string plaintext, string context, CancellationToken ct)
    {
        var keys = await keyring.GetAsync(tenant, ct);
        return FieldCipher.Encrypt(keys.PrimaryId, keys.Primary, plaintext, context);
    }

    public async Task<string> DecryptAsync(TenantRecord tenant, string ciphertext, string context, CancellationToken ct)
    {
        var keyId = FieldCipher.KeyIdOf(ciphertext) ?? throw new CryptographicException("Not a field ciphertext.");
        var keys = await keyring.GetWithKeyAsync(tenant, keyId, ct);
        if (!keys.TryGet(keyId, out var key))
        {
            throw new TenantKeysUnavailableException($"Data key {keyId} of tenant {tenant.TenantId} is not among its stored keys.");
        }
        return FieldCipher.Decrypt(key, ciphertext, context);
    }

    /// <summary>Bytes sealed under the tenant's newest data key, with the key's id to open them by.</summary>
    public async Task<(string KeyId, byte[] Sealed)> SealAsync(TenantRecord tenant, ReadOnlyMemory<byte> clear, string context, CancellationToken ct)
    {
        var keys = await keyring.GetAsync(tenant, ct);
        return (keys.PrimaryId, FieldCipher.Seal(keys.Primary, clear.Span, context));
    }

    public async Task<byte[]> OpenAsync(TenantRecord tenant, string keyId, byte[] sealedBytes, string context, CancellationToken ct)
    {
        var keys = await keyring.GetWithKeyAsync(tenant, keyId, ct);
        if (!keys.TryGet(keyId, out var key))
        {
            throw new TenantKeysUnavailableException($"Data key {keyId} of tenant {tenant.TenantId} is not among its stored keys.");
        }
        return FieldCipher.Open(key, sealedBytes, context);
    }

    /// <summary>HMAC-SHA-256 under the tenant's fingerprint key: equal values give equal fingerprints, which reveal nothing else.</summary>
    public async Task<string> FingerprintAsync(TenantRecord tenant, string value, CancellationToken ct)
    {
        var keys = await keyring.GetAsync(tenant, ct);
        return Base64Url.EncodeToString(HMACSHA256.HashData(keys.Fingerprint, Encoding.UTF8.GetBytes(value)));
    }
}
