using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// Each user's data key (<see cref="UserKeyItem"/>), in the tenant's keys table (<see cref="KeysTable"/>, kept out of
/// every backup), made on the first seal with a conditional put (racing pods: the loser reads the winner's), and
/// destroyed first when the user is erased, so whatever of theirs is sealed, in the live tables or in any backup or
/// copy of them, no longer opens.
/// <para>
/// Why sealing reads the item every time while opening may use a cached key: a key cached for sealing could outlive
/// an erasure on another pod and seal new data under a destroyed key, which nobody could read again. Read strongly
/// consistent per seal (one GetItem; seals are few: sensitive transactions, cards, imports), a seal after the erasure
/// makes a new key for what is then a new user. A cached key for opening is harmless: it is found by the key id the
/// ciphertext names, and what it opens goes with the erasure too. The one window left is a seal that read the key just
/// before it was destroyed and commits after the erasure swept the partition: that item holds ciphertext nobody can
/// open, never clear data, and the next erasure of the user removes it.
/// </para>
/// </summary>
internal sealed class UserKeys(IAmazonDynamoDB dynamo, TenantKeyring keyring, IOptions<EncryptionOptions> options, TimeProvider time) : IDisposable
{
    private const int MaxCached = 100_000;

    private readonly MemoryCache opened = new(new MemoryCacheOptions { SizeLimit = MaxCached });

    /// <summary>The user's key to seal with: the stored one, or a new one stored now.</summary>
    public async Task<(string Id, byte[] Key)> ForSealingAsync(TenantRecord tenant, string userId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ReadAsync(tenant, userId, ct) is { } stored)
            {
                return stored;
            }
            var tenantKeys = await keyring.GetAsync(tenant, ct);
            var id = UserKeyItem.NewId();
            var key = RandomNumberGenerator.GetBytes(32);
            var wrapped = FieldCipher.Seal(tenantKeys.Primary, key, UserKeyItem.WrapContext(tenant.TenantId, userId, id));
            try
            {
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = tenant.UserKeysTable,
                    Item = UserKeyItem.ToItem(userId, id, tenantKeys.PrimaryId, wrapped, time.GetUtcNow()),
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = KeysTable.PartitionKey },
                }, ct);
                return (id, key);
            }
            catch (ConditionalCheckFailedException) when (attempt < 3)
            {
                // Another request made the user's key first: read and use theirs.
            }
        }
    }

    /// <summary>The user's key named <paramref name="keyId"/>.</summary>
    /// <exception cref="TenantKeysUnavailableException">The user has no such key (it was destroyed by an erasure).</exception>
    public async Task<byte[]> ForOpeningAsync(TenantRecord tenant, string userId, string keyId, CancellationToken ct)
    {
        var cacheKey = (tenant.UserKeysTable, userId, keyId);
        if (opened.TryGetValue(cacheKey, out byte[]? cached) && cached is not null)
        {
            return cached;
        }
        if (await ReadAsync(tenant, userId, ct) is not { } stored || stored.Id != keyId)
        {
            throw new TenantKeysUnavailableException($"Key {keyId} of a user of tenant {tenant.TenantId} does not exist (any more).");
        }
        opened.Set(cacheKey, stored.Key, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.DataKeyCacheTtl });
        return stored.Key;
    }

    /// <summary>Deletes the user's key item; idempotent.</summary>
    public async Task DestroyAsync(TenantRecord tenant, string userId, CancellationToken ct) =>
        await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tenant.UserKeysTable, Key = LedgerKeys.Key(userId, UserKeyItem.SortKey) }, ct);

    private async Task<(string Id, byte[] Key)?> ReadAsync(TenantRecord tenant, string userId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tenant.UserKeysTable,
            Key = LedgerKeys.Key(userId, UserKeyItem.SortKey),
            ConsistentRead = true,
        }, ct);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }
        var (id, wrappingKeyId, wrapped) = UserKeyItem.FromItem(item);
        var wrappingKey = await keyring.KeyAsync(tenant, wrappingKeyId, ct);
        return (id, FieldCipher.Open(wrappingKey, wrapped, UserKeyItem.WrapContext(tenant.TenantId, userId, id)));
    }

    public void Dispose() => opened.Dispose();
}
