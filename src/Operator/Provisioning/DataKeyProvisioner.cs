using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Keeps a tenant's data keys: a fingerprint key made once, and an encryption key rotated when the newest is older
/// than the policy allows (older keys stay, so what they encrypted stays readable). Each key is written with
/// <c>attribute_not_exists</c>, so two provisioners racing cannot overwrite one another's key. Before trusting the
/// stored keys, the newest is unwrapped under the configured KEK: a provisioner pointed at the wrong KEK fails loudly
/// instead of adding keys the API could use while the old data became unreadable.
/// </summary>
internal sealed class DataKeyProvisioner(IAmazonDynamoDB dynamo, IKeyEncryptionKey kek, TimeProvider time)
{
    /// <returns>The id of the encryption key new writes use.</returns>
    /// <exception cref="InvalidOperationException">The stored keys do not unwrap under the configured KEK.</exception>
    public async Task<string> EnsureAsync(string tenantId, string ledgerTable, int rotationDays, ProvisioningReport report, CancellationToken ct)
    {
        var keys = await ReadAsync(ledgerTable, ct);
        var newest = keys.Where(k => k.Purpose == DataKeyPurpose.Encryption).MaxBy(k => k.Id, StringComparer.Ordinal);
        if (newest is not null)
        {
            await CheckUnwrapsAsync(tenantId, newest, ct);
        }

        if (!keys.Any(k => k.Purpose == DataKeyPurpose.Fingerprint))
        {
            await CreateAsync(tenantId, ledgerTable, DataKeyPurpose.Fingerprint, DataKeyItem.FingerprintKeyId, ct);
            report.Changed(ledgerTable, "fingerprint key created");
        }

        var now = time.GetUtcNow();
        if (newest is null || now >= newest.CreatedAt + TimeSpan.FromDays(rotationDays))
        {
            var id = DataKeyItem.NewEncryptionKeyId(now);
            await CreateAsync(tenantId, ledgerTable, DataKeyPurpose.Encryption, id, ct);
            report.Changed(ledgerTable, newest is null ? $"data key {id} created" : $"data key rotated to {id}; {newest.Id} stays for decryption");
            return id;
        }
        return newest.Id;
    }

    private async Task<List<TenantDataKey>> ReadAsync(string ledgerTable, CancellationToken ct)
    {
        var keys = new List<TenantDataKey>();
        var query = DataKeyItem.Query(ledgerTable);
        do
        {
            var page = await dynamo.QueryAsync(query, ct);
            keys.AddRange((page.Items ?? []).Select(DataKeyItem.FromItem));
            query.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (query.ExclusiveStartKey is { Count: > 0 });
        return keys;
    }

    private async Task CheckUnwrapsAsync(string tenantId, TenantDataKey key, CancellationToken ct)
    {
        try
        {
            var plaintext = await kek.UnwrapAsync(tenantId, key.Wrapped, ct);
            Array.Clear(plaintext);
        }
        catch (KeyUnwrapException e)
        {
            throw new InvalidOperationException(
                $"Data key {key.Id} of tenant {tenantId} was wrapped by {key.KekId} and does not unwrap under the configured key {kek.Id}: " +
                "point Encryption settings at the KEK that made it. No new key was made.", e);
        }
    }

    private async Task CreateAsync(string tenantId, string ledgerTable, DataKeyPurpose purpose, string id, CancellationToken ct)
    {
        var generated = await kek.GenerateDataKeyAsync(tenantId, ct);
        Array.Clear(generated.Plaintext);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = ledgerTable,
                Item = DataKeyItem.ToItem(new TenantDataKey(id, purpose, kek.Id, generated.Wrapped, time.GetUtcNow())),
                ConditionExpression = "attribute_not_exists(#sk)",
                ExpressionAttributeNames = new() { ["#sk"] = LedgerTable.SortKey },
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // A racing provisioner wrote this key first; its key serves as well as ours would have.
        }
    }
}
