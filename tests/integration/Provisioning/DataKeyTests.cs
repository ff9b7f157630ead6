using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Provisioning;

/// <summary>Tenant data keys: made by provisioning, wrapped by the KEK, kept in the tenant's ledger table, rotated.</summary>
public sealed class DataKeyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<List<TenantDataKey>> StoredKeysAsync(string tenant) =>
        [.. (await api.DynamoClient.QueryAsync(DataKeyItem.Query(api.Tables.Ledger(tenant)))).Items.Select(DataKeyItem.FromItem)];

    [Fact]
    public async Task Provisioning_stores_an_encryption_key_and_a_fingerprint_key_wrapped_for_the_tenant_only()
    {
        var report = await api.ProvisionAsync("keyholder");

        var keys = await StoredKeysAsync("keyholder");
        var encryption = Assert.Single(keys, k => k.Purpose == DataKeyPurpose.Encryption);
        Assert.Single(keys, k => k.Purpose == DataKeyPurpose.Fingerprint);
        Assert.Equal(report.DataKeyId, encryption.Id);
        Assert.All(keys, k => Assert.Equal(TestKek.Key.Id, k.KekId));

        var plaintext = await TestKek.Key.UnwrapAsync("keyholder", encryption.Wrapped, CancellationToken.None);
        Assert.Equal(32, plaintext.Length);
        Assert.False(encryption.Wrapped.AsSpan().IndexOf(plaintext) >= 0, "the stored key must not contain its plaintext");
        // Bound to its tenant: the same bytes do not unwrap as another tenant's key.
        await Assert.ThrowsAsync<KeyUnwrapException>(() => TestKek.Key.UnwrapAsync("someone-else", encryption.Wrapped, CancellationToken.None));

        var again = await api.Provisioner.ProvisionAsync(new TenantRequest("keyholder"), CancellationToken.None);
        Assert.Empty(again.Changes);
        Assert.Equal(2, (await StoredKeysAsync("keyholder")).Count);
    }

    [Fact]
    public async Task An_old_data_key_is_rotated_out_of_encryption_and_kept_for_decryption()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, TestKek.Key, clock);
        var request = new TenantRequest("keyrotor", DataKeyRotationDays: 30);
        var first = await provisioner.ProvisionUntilReadyAsync(request, TimeSpan.FromSeconds(30), CancellationToken.None);

        clock.Now += TimeSpan.FromDays(29);
        Assert.Equal(first.DataKeyId, (await provisioner.ProvisionAsync(request, CancellationToken.None)).DataKeyId);

        clock.Now += TimeSpan.FromDays(2);
        var rotated = await provisioner.ProvisionAsync(request, CancellationToken.None);

        Assert.NotEqual(first.DataKeyId, rotated.DataKeyId);
        Assert.Contains(rotated.Changes, c => c.Action.Contains("rotated", StringComparison.Ordinal));
        var encryptionKeys = (await StoredKeysAsync("keyrotor")).Where(k => k.Purpose == DataKeyPurpose.Encryption).Select(k => k.Id).Order(StringComparer.Ordinal);
        Assert.Equal([first.DataKeyId!, rotated.DataKeyId!], encryptionKeys);
        Assert.Single(await StoredKeysAsync("keyrotor"), k => k.Purpose == DataKeyPurpose.Fingerprint);
    }

    [Fact]
    public async Task A_provisioner_with_another_kek_fails_loudly_and_adds_no_key()
    {
        await api.ProvisionAsync("kekbound");
        var before = await StoredKeysAsync("kekbound");
        var otherFile = Path.Combine(Path.GetTempPath(), "budgetbuddy-tests", $"other-{Guid.NewGuid():N}.key");
        try
        {
            var strangerKek = LocalKeyEncryptionKey.LoadOrCreate(otherFile);
            var clock = new ManualClock(DateTimeOffset.UtcNow + TimeSpan.FromDays(365));
            var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, strangerKek, clock);

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provisioner.ProvisionAsync(new TenantRequest("kekbound"), CancellationToken.None));

            Assert.Contains(TestKek.Key.Id, error.Message, StringComparison.Ordinal);
            Assert.Contains(strangerKek.Id, error.Message, StringComparison.Ordinal);
            Assert.Equal(before.Select(k => k.Id).Order(StringComparer.Ordinal), (await StoredKeysAsync("kekbound")).Select(k => k.Id).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(otherFile);
        }
    }

    [Fact]
    public async Task With_kms_the_data_keys_come_from_generate_data_key_under_the_tenants_encryption_context()
    {
        await using var kms = await FakeKms.StartAsync();
        var kek = new KeyEncryptionKeyOptions { KeyProvider = KeyEncryptionKeyOptions.Kms, KmsKeyId = kms.KeyArn, KmsServiceUrl = kms.ServiceUrl }.Create("us-east-1");
        var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, kek, TimeProvider.System);

        var report = await provisioner.ProvisionUntilReadyAsync(new TenantRequest("kmstenant"), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(report.Ready);
        var keys = await StoredKeysAsync("kmstenant");
        Assert.All(keys, k => Assert.Equal(kms.KeyArn, k.KekId));
        var generated = kms.Calls.Where(c => c["op"]!.GetValue<string>() == "GenerateDataKey").ToList();
        Assert.All(generated, c =>
        {
            Assert.Equal("AES_256", c["body"]!["KeySpec"]!.GetValue<string>());
            Assert.Equal("kmstenant", c["body"]!["EncryptionContext"]![KmsKeyEncryptionKey.TenantContextKey]!.GetValue<string>());
        });
        // Two data keys under the tenant alone; the key sealing the signing keys under a use the API may not unwrap.
        var byUse = generated.ToLookup(c => c["body"]!["EncryptionContext"]![KmsKeyEncryptionKey.UseContextKey]?.GetValue<string>());
        Assert.Equal(2, byUse[null].Count());
        Assert.Single(byUse[KmsKeyEncryptionKey.SigningKeysUse]);
        Assert.Equal(3, generated.Count);

        var encryption = keys.Single(k => k.Purpose == DataKeyPurpose.Encryption);
        Assert.Equal(32, (await kek.UnwrapAsync("kmstenant", encryption.Wrapped, CancellationToken.None)).Length);
        await Assert.ThrowsAsync<KeyUnwrapException>(() => kek.UnwrapAsync("another-tenant", encryption.Wrapped, CancellationToken.None));
    }
}
