using System.Security.Cryptography;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Keeps a tenant's signing keys: made once, rotated after <c>rotationDays</c> with the previous key published for
/// <see cref="TenantProvisioner.KeyOverlap"/>, and never cut off while valid. The sealed copy in the ledger table is
/// the source of truth and is written before the Secret, so a Secret deleted or edited out of band comes back with the
/// same keys (a Warning says so). Only a tenant whose Secret was lost before any sealed copy existed gets a new key;
/// then the public keys the registry still publishes keep verifying for the same overlap as a rotation.
/// </summary>
internal sealed class SigningKeyProvisioner(IAmazonDynamoDB dynamo, TenantTables tables, ITenantSecretStore secrets, IKeyEncryptionKey kek, TimeProvider time)
{
    private readonly SealedSigningKeyStore sealedKeys = new(dynamo, kek, time);

    /// <returns>The ring now in force; the caller publishes its public keys and disposes it.</returns>
    public async Task<SigningKeyRing> EnsureAsync(string tenantId, string ledgerTable, int rotationDays, ProvisioningReport report, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var secretName = TenantSecretLayout.SecretName(tenantId);
        var stored = await sealedKeys.ReadAsync(tenantId, ledgerTable, ct);
        var secret = await secrets.ReadAsync(tenantId, ct);

        SigningKeyRing ring;
        // What the Secret holds when nobody outside BudgetBuddy touched it; known only once a sealed copy exists.
        Dictionary<string, byte[]>? untouched = null;
        var changed = true;
        if (stored is { } found)
        {
            ring = found.Ring;
            untouched = ring.ToSecret();
            changed = false;
        }
        else if (SigningKeyRing.FromSecret(secret, now) is { } fromSecret)
        {
            // Provisioned before the sealed copy existed, Secret intact: its keys become the sealed copy.
            ring = fromSecret;
            report.Changed(ledgerTable, $"signing key {ring.Active.KeyId} sealed beside the data keys");
        }
        else if (await PublishedKeysAsync(tenantId, ct) is { Count: > 0 } published)
        {
            var retires = now + TenantProvisioner.KeyOverlap;
            ring = SigningKeyRing.ReplacingLost(now, published, retires);
            var lost = string.Join(", ", published.Select(k => k.KeyId));
            report.Warn(new ProvisioningWarning(ProvisioningWarning.SigningKeyLost, secretName,
                $"Secret {secretName} was lost before its keys had a sealed copy, so the private key of {lost} cannot be recovered. " +
                $"The Secret was recreated with new signing key {ring.Active.KeyId}; {lost} stays published and verifies tokens until {retires:O}. " +
                "The tenant's auth service must sign with the new key from the recreated Secret."));
        }
        else
        {
            ring = SigningKeyRing.New(now);
            report.Changed(secretName, $"signing key {ring.Active.KeyId} generated");
        }

        if (now >= ring.ActiveCreated + TimeSpan.FromDays(rotationDays))
        {
            var retired = ring.Active.KeyId;
            ring.Rotate(now, now + TenantProvisioner.KeyOverlap);
            report.Changed(secretName, $"signing key rotated to {ring.Active.KeyId}; {retired} verifies until {ring.PreviousRetires:O}");
            changed = true;
        }
        else if (ring.Previous is not null && now >= ring.PreviousRetires)
        {
            report.Changed(secretName, $"previous signing key {ring.Previous.KeyId} retired");
            ring.RetirePrevious();
            changed = true;
        }
        foreach (var retired in ring.RetireLost(now))
        {
            report.Changed(tables.Registry, $"lost signing key {retired} retired");
            changed = true;
        }

        if (changed)
        {
            // Sealed first: a key that reaches the Secret (and the tenant's auth service) can always be restored.
            await sealedKeys.WriteAsync(tenantId, ledgerTable, ring, stored?.Version, ct);
        }

        var desired = ring.ToSecret();
        if (secret is null || !SameData(secret, desired))
        {
            await secrets.WriteAsync(tenantId, desired, ct);
            if (untouched is not null && (secret is null || !SameData(secret, untouched)))
            {
                report.Warn(new ProvisioningWarning(ProvisioningWarning.SecretRestored, secretName, secret is null
                    ? $"Secret {secretName} was deleted outside BudgetBuddy and was recreated from the sealed copy in {ledgerTable}: same signing key {ring.Active.KeyId}, so issued tokens keep verifying."
                    : $"Secret {secretName} had its keys changed outside BudgetBuddy and was restored from the sealed copy in {ledgerTable}: signing key {ring.Active.KeyId}."));
            }
            else if (report.Changes.All(c => c.Resource != secretName) && report.Warnings.All(w => w.Resource != secretName))
            {
                report.Changed(secretName, "repaired");
            }
        }
        return ring;
    }

    /// <summary>The public keys the registry publishes for the tenant (none when it has no item yet).</summary>
    private async Task<List<SigningKey>> PublishedKeysAsync(string tenantId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Registry,
            Key = TenantRecordItem.Key(tenantId),
            ConsistentRead = true,
        }, ct);
        if (!response.IsItemSet || TenantRecordItem.TryFromItem(response.Item)?.SigningKeys is not { Length: > 0 } jwks)
        {
            return [];
        }
        using var document = JsonDocument.Parse(jwks);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return
        [
            .. keys.EnumerateArray()
                .Where(k => k.TryGetProperty("x", out var x) && x.ValueKind == JsonValueKind.String && k.TryGetProperty("y", out var y) && y.ValueKind == JsonValueKind.String)
                .Select(k => SigningKey.FromPublicJwk(k.GetProperty("x").GetString()!, k.GetProperty("y").GetString()!)),
        ];
    }

    // The values are private signing keys: compared in constant time, so how long a comparison takes never depends on
    // where two keys first differ.
    private static bool SameData(IReadOnlyDictionary<string, byte[]> current, Dictionary<string, byte[]> desired) =>
        current.Count == desired.Count
        && desired.All(d => current.TryGetValue(d.Key, out var value) && CryptographicOperations.FixedTimeEquals(value, d.Value));
}
