using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// The production KEK: an AWS KMS key. Data keys come from GenerateDataKey (AES-256) and are unwrapped with Decrypt,
/// both with the encryption context <c>tenant = &lt;id&gt;</c>: KMS refuses to unwrap a key under another tenant's
/// context, CloudTrail records the tenant of every use, and IAM conditions can scope a role by it.
/// </summary>
public sealed class KmsKeyEncryptionKey(IAmazonKeyManagementService kms, string keyId) : IKeyEncryptionKey
{
    /// <summary>The encryption-context key naming the tenant.</summary>
    public const string TenantContextKey = "tenant";

    /// <summary>
    /// The encryption-context key naming a use other than data keys (<see cref="SigningKeysUse"/>): the API's grant
    /// allows the tenant key alone, so KMS refuses it what the operator wrapped for signing keys.
    /// </summary>
    public const string UseContextKey = "use";

    /// <summary>The <see cref="UseContextKey"/> value of the key that seals a tenant's signing keys.</summary>
    public const string SigningKeysUse = "signing-keys";

    public string Id { get; } = keyId;

    public Task<GeneratedDataKey> GenerateDataKeyAsync(string tenantId, CancellationToken ct) => GenerateDataKeyAsync(tenantId, WrappedKeyUse.DataKey, ct);

    public Task<byte[]> UnwrapAsync(string tenantId, byte[] wrapped, CancellationToken ct) => UnwrapAsync(tenantId, WrappedKeyUse.DataKey, wrapped, ct);

    public async Task<GeneratedDataKey> GenerateDataKeyAsync(string tenantId, WrappedKeyUse use, CancellationToken ct)
    {
        var response = await kms.GenerateDataKeyAsync(new GenerateDataKeyRequest
        {
            KeyId = Id,
            KeySpec = DataKeySpec.AES_256,
            EncryptionContext = Context(tenantId, use),
        }, ct).ConfigureAwait(false);
        return new GeneratedDataKey(response.Plaintext.ToArray(), response.CiphertextBlob.ToArray());
    }

    public async Task<byte[]> UnwrapAsync(string tenantId, WrappedKeyUse use, byte[] wrapped, CancellationToken ct)
    {
        try
        {
            using var blob = new MemoryStream(wrapped, writable: false);
            var response = await kms.DecryptAsync(new DecryptRequest
            {
                KeyId = Id,
                CiphertextBlob = blob,
                EncryptionContext = Context(tenantId, use),
            }, ct).ConfigureAwait(false);
            return response.Plaintext.ToArray();
        }
        catch (InvalidCiphertextException e)
        {
            throw new KeyUnwrapException($"KMS key {Id} does not unwrap this data key for tenant {tenantId}: another key, another tenant, or altered bytes.", e);
        }
        catch (IncorrectKeyException e)
        {
            throw new KeyUnwrapException($"This data key was not wrapped by KMS key {Id}.", e);
        }
    }

    private static Dictionary<string, string> Context(string tenantId, WrappedKeyUse use) => use == WrappedKeyUse.DataKey
        ? new() { [TenantContextKey] = TenantId.Require(tenantId) }
        : new() { [TenantContextKey] = TenantId.Require(tenantId), [UseContextKey] = SigningKeysUse };
}
