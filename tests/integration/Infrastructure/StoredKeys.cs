using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// The key a field ciphertext names, unwrapped here with the test KEK, as someone holding the tables (or copies of
/// them) and the KEK would: a tenant data key from the ledger table, or a user's key from the keys table, unwrapped by
/// a tenant data key.
/// </summary>
internal static class StoredKeys
{
    /// <exception cref="KeyNotFoundException">The keys table holds no such key (a user key destroyed by an erasure).</exception>
    public static async Task<byte[]> KeyAsync(IAmazonDynamoDB dynamo, string ledgerTable, string keysTable, string tenant, string user, string keyId)
    {
        if (!UserKeyItem.IsUserKeyId(keyId))
        {
            return await TenantKeyAsync(dynamo, ledgerTable, tenant, keyId);
        }
        var item = (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = keysTable,
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue($"USER#{user}"), [LedgerTable.SortKey] = new AttributeValue(UserKeyItem.SortKey) },
            ConsistentRead = true,
        })).Item;
        if (item is not { Count: > 0 } || UserKeyItem.FromItem(item) is var stored && stored.KeyId != keyId)
        {
            throw new KeyNotFoundException($"{keysTable} holds no user key {keyId} of {user}.");
        }
        var wrappingKey = await TenantKeyAsync(dynamo, ledgerTable, tenant, stored.WrappingKeyId);
        return FieldCipher.Open(wrappingKey, stored.Wrapped, UserKeyItem.WrapContext(tenant, user, keyId));
    }

    public static async Task<byte[]> TenantKeyAsync(IAmazonDynamoDB dynamo, string ledgerTable, string tenant, string keyId)
    {
        var stored = (await dynamo.QueryAsync(DataKeyItem.Query(ledgerTable))).Items.Select(DataKeyItem.FromItem).Single(k => k.Id == keyId);
        return await TestKek.Key.UnwrapAsync(tenant, stored.Wrapped, CancellationToken.None);
    }
}
