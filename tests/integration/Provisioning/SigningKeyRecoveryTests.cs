using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Provisioning;

/// <summary>
/// Signing keys survive their Secret: sealed in the ledger table before the Secret is written, restored from there
/// when the Secret is lost or edited (local Secret store, as the CLI's <c>provision</c> uses).
/// </summary>
public sealed class SigningKeyRecoveryTests(ShortCacheApiFixture api) : IClassFixture<ShortCacheApiFixture>
{
    [Fact]
    public async Task A_lost_secret_comes_back_whole_with_both_keys_of_a_rotation_in_progress()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, TestKek.Key, clock);
        var request = new TenantRequest("ringkeeper", SigningKeyRotationDays: 30);
        var first = await provisioner.ProvisionAsync(request, CancellationToken.None);
        clock.Now += TimeSpan.FromDays(31);
        var rotated = await provisioner.ProvisionAsync(request, CancellationToken.None);
        Assert.NotEqual(first.SigningKeyId, rotated.SigningKeyId);
        var before = await api.Secrets.ReadAsync("ringkeeper", CancellationToken.None);
        var publishedBefore = await PublishedKeyIdsAsync("ringkeeper");

        Directory.Delete(Path.Combine(api.Secrets.Root, "ringkeeper"), recursive: true);
        clock.Now += TimeSpan.FromHours(1);
        var restored = await provisioner.ProvisionAsync(request, CancellationToken.None);

        var after = await api.Secrets.ReadAsync("ringkeeper", CancellationToken.None);
        AssertSameData(before!, after!);
        Assert.Equal(rotated.SigningKeyId, restored.SigningKeyId);
        var warning = Assert.Single(restored.Warnings);
        Assert.Equal(ProvisioningWarning.SecretRestored, warning.Reason);
        Assert.Contains(rotated.SigningKeyId!, warning.Message, StringComparison.Ordinal);
        Assert.Equal(publishedBefore.Order(), (await PublishedKeyIdsAsync("ringkeeper")).Order());
        Assert.Equal(2, publishedBefore.Count);

        var steady = await provisioner.ProvisionAsync(request, CancellationToken.None);
        Assert.Empty(steady.Changes);
        Assert.Empty(steady.Warnings);
    }

    [Fact]
    public async Task An_edited_secret_is_restored_to_the_sealed_key()
    {
        var first = await api.ProvisionAsync("tampered");
        var before = await api.Secrets.ReadAsync("tampered", CancellationToken.None);
        using var stranger = SigningKey.Generate();
        await api.Secrets.WriteAsync("tampered", new Dictionary<string, byte[]>(before!)
        {
            [TenantSecretLayout.SigningKeyPem] = System.Text.Encoding.UTF8.GetBytes(stranger.ExportPrivateKeyPem()),
            [TenantSecretLayout.SigningKeyId] = System.Text.Encoding.UTF8.GetBytes(stranger.KeyId),
        }, CancellationToken.None);

        var repaired = await api.Provisioner.ProvisionAsync(new TenantRequest("tampered"), CancellationToken.None);

        AssertSameData(before!, (await api.Secrets.ReadAsync("tampered", CancellationToken.None))!);
        Assert.Equal(first.SigningKeyId, repaired.SigningKeyId);
        Assert.Equal(ProvisioningWarning.SecretRestored, Assert.Single(repaired.Warnings).Reason);
        Assert.Equal([first.SigningKeyId!], await PublishedKeyIdsAsync("tampered"));
    }

    [Fact]
    public async Task A_tenant_provisioned_before_sealing_gets_its_secrets_keys_sealed_unchanged()
    {
        var first = await api.ProvisionAsync("veteran");
        await DeleteSealedCopyAsync("veteran");

        var sealing = await api.Provisioner.ProvisionAsync(new TenantRequest("veteran"), CancellationToken.None);
        Assert.Equal(first.SigningKeyId, sealing.SigningKeyId);
        Assert.Contains(sealing.Changes, c => c.Resource == api.Tables.Ledger("veteran") && c.Action.Contains("sealed", StringComparison.Ordinal));
        Assert.Empty(sealing.Warnings);

        // From now on the Secret is a copy: losing it loses nothing.
        var before = await api.Secrets.ReadAsync("veteran", CancellationToken.None);
        Directory.Delete(Path.Combine(api.Secrets.Root, "veteran"), recursive: true);
        var restored = await api.Provisioner.ProvisionAsync(new TenantRequest("veteran"), CancellationToken.None);
        Assert.Equal(first.SigningKeyId, restored.SigningKeyId);
        AssertSameData(before!, (await api.Secrets.ReadAsync("veteran", CancellationToken.None))!);
    }

    [Fact]
    public async Task A_secret_lost_before_any_sealed_copy_keeps_the_old_public_key_verifying_for_the_overlap_only()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, TestKek.Key, clock);
        var request = new TenantRequest("amnesiac");
        var first = await provisioner.ProvisionAsync(request, CancellationToken.None);
        using (var oldKey = await api.SigningKeyOf("amnesiac"))
        {
            var oldToken = TestTokens.Sign(new TokenSpec("amnesiac", "alice"), oldKey);
            await DeleteSealedCopyAsync("amnesiac");
            Directory.Delete(Path.Combine(api.Secrets.Root, "amnesiac"), recursive: true);

            var replaced = await provisioner.ProvisionAsync(request, CancellationToken.None);

            Assert.NotEqual(first.SigningKeyId, replaced.SigningKeyId);
            var warning = Assert.Single(replaced.Warnings);
            Assert.Equal(ProvisioningWarning.SigningKeyLost, warning.Reason);
            Assert.Contains(first.SigningKeyId!, warning.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { first.SigningKeyId!, replaced.SigningKeyId! }.Order(), (await PublishedKeyIdsAsync("amnesiac")).Order());
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            await (await api.Client(oldToken).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
            await (await api.Client(await api.TokenAsync("amnesiac", "alice")).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

            // The public key is kept in the sealed copy too: losing the new Secret again changes nothing published.
            Directory.Delete(Path.Combine(api.Secrets.Root, "amnesiac"), recursive: true);
            var again = await provisioner.ProvisionAsync(request, CancellationToken.None);
            Assert.Equal(replaced.SigningKeyId, again.SigningKeyId);
            Assert.Equal(ProvisioningWarning.SecretRestored, Assert.Single(again.Warnings).Reason);
            Assert.Equal(2, (await PublishedKeyIdsAsync("amnesiac")).Count);

            clock.Now += TenantProvisioner.KeyOverlap + TimeSpan.FromMinutes(1);
            var retired = await provisioner.ProvisionAsync(request, CancellationToken.None);
            Assert.Contains(retired.Changes, c => c.Action.Contains($"{first.SigningKeyId} retired", StringComparison.Ordinal));
            Assert.Equal([replaced.SigningKeyId!], await PublishedKeyIdsAsync("amnesiac"));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            await (await api.Client(oldToken).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_sealed_copy_that_was_altered_stops_provisioning_without_making_a_new_key()
    {
        var first = await api.ProvisionAsync("guarded");
        var ledger = api.Tables.Ledger("guarded");
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = ledger, Key = SigningKeyRingItem.Key(), ConsistentRead = true })).Item;
        var stored = SigningKeyRingItem.FromItem(item);
        var altered = stored.Sealed.ToArray();
        altered[^1] ^= 0x01;
        await api.DynamoClient.PutItemAsync(ledger, SigningKeyRingItem.ToItem(stored with { Sealed = altered }));
        Directory.Delete(Path.Combine(api.Secrets.Root, "guarded"), recursive: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Provisioner.ProvisionAsync(new TenantRequest("guarded"), CancellationToken.None));

        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        Assert.Null(await api.Secrets.ReadAsync("guarded", CancellationToken.None));
        Assert.Equal([first.SigningKeyId!], await PublishedKeyIdsAsync("guarded"));
    }

    [Fact]
    public async Task The_sealed_copy_holds_no_private_key_in_the_clear_and_opens_only_for_its_tenant()
    {
        await api.ProvisionAsync("opaque");
        var secret = await api.Secrets.ReadAsync("opaque", CancellationToken.None);
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Ledger("opaque"), Key = SigningKeyRingItem.Key(), ConsistentRead = true })).Item;
        var stored = SigningKeyRingItem.FromItem(item);

        using var key = SigningKey.FromPem(System.Text.Encoding.UTF8.GetString(secret![TenantSecretLayout.SigningKeyPem]));
        var privateScalar = key.Key.ExportParameters(includePrivateParameters: true).D!;
        Assert.Equal(32, privateScalar.Length);
        Assert.True(stored.Sealed.AsSpan().IndexOf(privateScalar) < 0, "the sealed ring must not contain the private key");
        Assert.True(stored.Sealed.AsSpan().IndexOf(secret[TenantSecretLayout.SigningKeyPem].AsSpan(30, 32)) < 0, "nor its PEM text");
        Assert.Equal(TestKek.Key.Id, stored.KekId);
        // The data key it is sealed under is wrapped for this tenant: it does not unwrap as another's.
        await Assert.ThrowsAsync<KeyUnwrapException>(() => TestKek.Key.UnwrapAsync("someone-else", stored.WrappedKey, CancellationToken.None));
        // Nor as one of the tenant's data keys, which is all the API ever unwraps.
        await Assert.ThrowsAsync<KeyUnwrapException>(() => TestKek.Key.UnwrapAsync("opaque", stored.WrappedKey, CancellationToken.None));
        Assert.Equal(32, (await TestKek.Key.UnwrapAsync("opaque", WrappedKeyUse.SigningKeys, stored.WrappedKey, CancellationToken.None)).Length);
        // And it lives outside the data-key partition, which the API reads.
        Assert.DoesNotContain((await api.DynamoClient.QueryAsync(DataKeyItem.Query(api.Tables.Ledger("opaque")))).Items,
            i => i[LedgerTable.SortKey].S.Contains("RING", StringComparison.Ordinal));
    }

    private async Task DeleteSealedCopyAsync(string tenant) =>
        await api.DynamoClient.DeleteItemAsync(new DeleteItemRequest { TableName = api.Tables.Ledger(tenant), Key = SigningKeyRingItem.Key() });

    private static void AssertSameData(IReadOnlyDictionary<string, byte[]> expected, IReadOnlyDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
    }

    private async Task<List<string>> PublishedKeyIdsAsync(string tenant)
    {
        var item = (await api.DynamoClient.GetItemAsync(api.Tables.Registry, TenantRecordItem.Key(tenant))).Item;
        return new Microsoft.IdentityModel.Tokens.JsonWebKeySet(TenantRecordItem.FromItem(item).SigningKeys).Keys.Select(k => k.KeyId).ToList();
    }
}
