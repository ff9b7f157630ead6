using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// Each tenant's data keys, read from its ledger table and unwrapped by the KEK (one KMS Decrypt per key), then kept
/// in memory for <see cref="EncryptionOptions.DataKeyCacheTtl"/>: long enough that KMS is not on the request path,
/// short enough that a rotation reaches every pod soon. A ciphertext naming a key this pod has not seen yet (rotated
/// since it loaded) makes it reload at once, so an old pod never fails to read what a new key wrote.
/// </summary>
internal sealed class TenantKeyring(IAmazonDynamoDB dynamo, IKeyEncryptionKey kek, IOptions<EncryptionOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TenantKeys>>> cache = new(StringComparer.Ordinal);

    public async Task<TenantKeys> GetAsync(TenantRecord tenant, CancellationToken ct)
    {
        var entry = cache.GetOrAdd(tenant.TenantId, _ => Load(tenant));
        TenantKeys keys;
        try
        {
            keys = await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A failed load is not cached: the next request tries again.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<TenantKeys>>>(tenant.TenantId, entry));
            throw;
        }
        if (time.GetUtcNow() < keys.Expires)
        {
            return keys;
        }
        cache.TryUpdate(tenant.TenantId, Load(tenant), entry);
        return await GetAsync(tenant, ct);
    }

    /// <summary>The data key <paramref name="keyId"/>, the keys reloaded first unless they already hold it.</summary>
    /// <exception cref="TenantKeysUnavailableException">The tenant has no such key.</exception>
    public async Task<byte[]> KeyAsync(TenantRecord tenant, string keyId, CancellationToken ct)
    {
        if ((await GetAsync(tenant, ct)).TryGet(keyId, out var known))
        {
            return known;
        }
        var entry = cache.GetOrAdd(tenant.TenantId, _ => Load(tenant));
        cache.TryUpdate(tenant.TenantId, Load(tenant), entry);
        return (await GetAsync(tenant, ct)).TryGet(keyId, out var key)
            ? key
            : throw new TenantKeysUnavailableException($"Data key {keyId} of tenant {tenant.TenantId} is not among its stored keys.");
    }

    private Lazy<Task<TenantKeys>> Load(TenantRecord tenant) => new(() => LoadAsync(tenant));

    private async Task<TenantKeys> LoadAsync(TenantRecord tenant)
    {
        // Not the request's token: a load serves every request waiting for it, and one caller hanging up must not fail the rest.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var stored = new List<TenantDataKey>();
        var query = DataKeyItem.Query(tenant.LedgerTable);
        do
        {
            var page = await dynamo.QueryAsync(query, timeout.Token);
            stored.AddRange((page.Items ?? []).Select(DataKeyItem.FromItem));
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });

        var encryption = stored.Where(k => k.Purpose == DataKeyPurpose.Encryption).ToList();
        var fingerprint = stored.FirstOrDefault(k => k.Purpose == DataKeyPurpose.Fingerprint);
        if (encryption.Count == 0 || fingerprint is null)
        {
            throw new TenantKeysUnavailableException($"Tenant {tenant.TenantId} has no data keys yet; the operator makes them when it reconciles the tenant.");
        }
        try
        {
            var unwrapped = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var key in encryption)
            {
                unwrapped[key.Id] = await kek.UnwrapAsync(tenant.TenantId, key.Wrapped, timeout.Token);
            }
            return new TenantKeys(
                tenant.TenantId,
                encryption.MaxBy(k => k.Id, StringComparer.Ordinal)!.Id,
                unwrapped,
                await kek.UnwrapAsync(tenant.TenantId, fingerprint.Wrapped, timeout.Token),
                time.GetUtcNow() + options.Value.DataKeyCacheTtl);
        }
        catch (KeyUnwrapException e)
        {
            throw new TenantKeysUnavailableException($"The data keys of tenant {tenant.TenantId} do not unwrap under this API's KEK {kek.Id}: the API and the operator must use the same Encryption settings.", e);
        }
    }
}
