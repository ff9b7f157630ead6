using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Keeps a tenant's signing key ring in its ledger table (<see cref="SigningKeyRingItem"/>), sealed with AES-256-GCM
/// under a fresh key that the KEK wraps for that tenant and for <see cref="WrappedKeyUse.SigningKeys"/> (a use the
/// API's grants exclude, so the API cannot open the ring though its compliance scan can read the item); the tenant id
/// is bound as associated data, so one tenant's sealed ring cannot be passed off as another's. This copy, not the Secret, is the keys' source of truth:
/// the Secret is written from it and restored from it. Reading costs one KEK unwrap (a KMS Decrypt in production) per
/// pass, as checking the data keys already does.
/// </summary>
internal sealed class SealedSigningKeyStore(IAmazonDynamoDB dynamo, IKeyEncryptionKey kek, TimeProvider time)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <returns>The ring and the version it was read at, or null when no sealed copy exists.</returns>
    /// <exception cref="InvalidOperationException">The copy does not unseal under the configured KEK.</exception>
    public async Task<(SigningKeyRing Ring, long Version)?> ReadAsync(string tenantId, string ledgerTable, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = ledgerTable,
            Key = SigningKeyRingItem.Key(),
            ConsistentRead = true,
        }, ct);
        if (!response.IsItemSet)
        {
            return null;
        }
        var stored = SigningKeyRingItem.FromItem(response.Item);
        byte[] dataKey;
        try
        {
            dataKey = await kek.UnwrapAsync(tenantId, WrappedKeyUse.SigningKeys, stored.WrappedKey, ct);
        }
        catch (KeyUnwrapException e)
        {
            throw new InvalidOperationException(
                $"The sealed signing keys of tenant {tenantId} were wrapped by {stored.KekId} and do not unwrap under the configured key {kek.Id}: " +
                "point Encryption settings at the KEK that made them. No new signing key was made.", e);
        }
        var payload = Unseal(tenantId, dataKey, stored.Sealed);
        try
        {
            return (SigningKeyRing.FromPayload(payload), stored.Version);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    /// <summary>Seals and writes <paramref name="ring"/> over the version read (null: only if none exists).</summary>
    /// <exception cref="InvalidOperationException">Another writer changed the ring since it was read.</exception>
    public async Task WriteAsync(string tenantId, string ledgerTable, SigningKeyRing ring, long? replacing, CancellationToken ct)
    {
        var generated = await kek.GenerateDataKeyAsync(tenantId, WrappedKeyUse.SigningKeys, ct);
        var payload = ring.ToPayload();
        byte[] sealedRing;
        try
        {
            sealedRing = Seal(tenantId, generated.Plaintext, payload);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
            CryptographicOperations.ZeroMemory(generated.Plaintext);
        }
        var item = new SealedSigningKeyRing(kek.Id, generated.Wrapped, sealedRing, (replacing ?? 0) + 1, time.GetUtcNow());
        try
        {
            await dynamo.PutItemAsync(SigningKeyRingItem.Put(ledgerTable, item, replacing), ct);
        }
        catch (ConditionalCheckFailedException e)
        {
            // The other writer's keys may already be in its Secret and the registry: ours must not replace them.
            throw new InvalidOperationException($"The signing keys of tenant {tenantId} were changed by another provisioner meanwhile; the next pass uses theirs.", e);
        }
    }

    private static byte[] Seal(string tenantId, byte[] dataKey, byte[] payload)
    {
        var sealedRing = new byte[NonceSize + payload.Length + TagSize];
        var nonce = sealedRing.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(dataKey, TagSize);
        aes.Encrypt(nonce, payload, sealedRing.AsSpan(NonceSize, payload.Length), sealedRing.AsSpan(NonceSize + payload.Length), Context(tenantId));
        return sealedRing;
    }

    private static byte[] Unseal(string tenantId, byte[] dataKey, byte[] sealedRing)
    {
        try
        {
            if (sealedRing.Length < NonceSize + TagSize)
            {
                throw new InvalidOperationException($"The sealed signing keys of tenant {tenantId} are truncated.");
            }
            var length = sealedRing.Length - NonceSize - TagSize;
            var payload = new byte[length];
            using var aes = new AesGcm(dataKey, TagSize);
            aes.Decrypt(sealedRing.AsSpan(0, NonceSize), sealedRing.AsSpan(NonceSize, length), sealedRing.AsSpan(NonceSize + length), payload, Context(tenantId));
            return payload;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidOperationException($"The sealed signing keys of tenant {tenantId} were altered or belong to another tenant; no new signing key was made.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] Context(string tenantId) => Encoding.UTF8.GetBytes("budgetbuddy-signing-keys:" + TenantId.Require(tenantId));
}
