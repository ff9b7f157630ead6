using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// An operator whose resync is an hour away, so only its watch of the tenants' Secrets can repair one within a test,
/// and the real API on the same tables, so tokens are checked against what the registry publishes.
/// </summary>
public sealed class SecretWatchFixture : OperatorFixture
{
    public ApiFactory Api { get; private set; } = null!;

    protected override TimeSpan ResyncPeriod => TimeSpan.FromHours(1);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api = new ApiFactory(DynamoDbLocal.ServiceUrl, TablePrefix, new Dictionary<string, string?>
        {
            ["Registry:CacheTtl"] = "00:00:00.200",
            ["Registry:MinRefreshInterval"] = "00:00:00",
        });
    }

    public override async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class SecretRestorationTests(SecretWatchFixture op) : IClassFixture<SecretWatchFixture>
{
    // Far below the hour-long resync: only the Secret watch can meet it.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_deleted_secret_comes_back_at_once_with_the_same_key_and_issued_tokens_keep_verifying()
    {
        var before = await ProvisionedSecretAsync("phoenix");
        using var key = SigningKey.FromPem(Decode(before, TenantSecretLayout.SigningKeyPem));
        var token = TestTokens.Sign(new TokenSpec("phoenix", "alice"), key);
        await (await ApiClient(token).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        Assert.True(op.Kube.Delete(ApiResources.Secrets, OperatorFixture.Namespace, SecretName("phoenix")));

        var after = (await op.Kube.WaitForAsync(ApiResources.Secrets, OperatorFixture.Namespace, SecretName("phoenix"), s => s is not null, Prompt))!;
        Assert.Equal(Decode(before, TenantSecretLayout.SigningKeyId), Decode(after, TenantSecretLayout.SigningKeyId));
        Assert.Equal(Decode(before, TenantSecretLayout.SigningKeyPem), Decode(after, TenantSecretLayout.SigningKeyPem));
        Assert.Equal(op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "phoenix")!["metadata"]!["uid"]!.GetValue<string>(),
            after["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
        var warning = await WarningAsync("phoenix", ProvisioningWarning.SecretRestored);
        Assert.Contains("recreated", warning, StringComparison.Ordinal);
        Assert.Contains(key.KeyId, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(op.Kube.Events, e => Reason(e) == ProvisioningWarning.SigningKeyLost && e["involvedObject"]?["name"]?.GetValue<string>() == "phoenix");

        Assert.Equal([key.KeyId], await PublishedKeyIdsAsync("phoenix"));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await (await ApiClient(token).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_secret_whose_key_was_edited_is_restored_to_the_sealed_key_at_once()
    {
        var before = await ProvisionedSecretAsync("vandal");
        using var stranger = SigningKey.Generate();
        var edited = before.DeepClone().AsObject();
        edited["data"]![TenantSecretLayout.SigningKeyPem] = Convert.ToBase64String(Encoding.UTF8.GetBytes(stranger.ExportPrivateKeyPem()));
        edited["data"]![TenantSecretLayout.SigningKeyId] = Convert.ToBase64String(Encoding.UTF8.GetBytes(stranger.KeyId));
        op.Kube.Put(ApiResources.Secrets, edited);

        var restored = (await op.Kube.WaitForAsync(ApiResources.Secrets, OperatorFixture.Namespace, SecretName("vandal"),
            s => s is not null && Decode(s, TenantSecretLayout.SigningKeyId) != stranger.KeyId, Prompt))!;

        Assert.Equal(Decode(before, TenantSecretLayout.SigningKeyId), Decode(restored, TenantSecretLayout.SigningKeyId));
        Assert.Equal(Decode(before, TenantSecretLayout.SigningKeyPem), Decode(restored, TenantSecretLayout.SigningKeyPem));
        Assert.Contains("changed outside BudgetBuddy", await WarningAsync("vandal", ProvisioningWarning.SecretRestored), StringComparison.Ordinal);
        Assert.Equal([Decode(before, TenantSecretLayout.SigningKeyId)], await PublishedKeyIdsAsync("vandal"));
    }

    [Fact]
    public async Task A_secret_lost_before_any_sealed_copy_gets_a_new_key_while_the_old_public_key_stays_published()
    {
        var before = await ProvisionedSecretAsync("legacy");
        using var oldKey = SigningKey.FromPem(Decode(before, TenantSecretLayout.SigningKeyPem));
        var oldToken = TestTokens.Sign(new TokenSpec("legacy", "alice"), oldKey);
        // As a tenant provisioned before keys were sealed: nothing but the Secret held the private key.
        await op.Dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = op.Tables.Ledger("legacy"), Key = SigningKeyRingItem.Key() });

        Assert.True(op.Kube.Delete(ApiResources.Secrets, OperatorFixture.Namespace, SecretName("legacy")));

        var after = (await op.Kube.WaitForAsync(ApiResources.Secrets, OperatorFixture.Namespace, SecretName("legacy"), s => s is not null, Prompt))!;
        var newKeyId = Decode(after, TenantSecretLayout.SigningKeyId);
        Assert.NotEqual(oldKey.KeyId, newKeyId);
        var warning = await WarningAsync("legacy", ProvisioningWarning.SigningKeyLost);
        Assert.Contains(oldKey.KeyId, warning, StringComparison.Ordinal);
        Assert.Contains(newKeyId, warning, StringComparison.Ordinal);
        // The registry is written after the Secret, in the same reconcile: the Warning event comes after both.
        Assert.Equal(new[] { oldKey.KeyId, newKeyId }.Order(), (await PublishedKeyIdsAsync("legacy")).Order());
        var sealedAgain = await op.Dynamo.GetItemAsync(new GetItemRequest { TableName = op.Tables.Ledger("legacy"), Key = SigningKeyRingItem.Key(), ConsistentRead = true });
        Assert.True(sealedAgain.IsItemSet, "the new key is sealed before it reaches the Secret");

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await (await ApiClient(oldToken).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        using var newKey = SigningKey.FromPem(Decode(after, TenantSecretLayout.SigningKeyPem));
        await (await ApiClient(TestTokens.Sign(new TokenSpec("legacy", "alice"), newKey)).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<JsonObject> ProvisionedSecretAsync(string tenant)
    {
        await op.ApplyAsync(tenant, new { });
        await op.WaitForConditionAsync(tenant, TenantConditionTypes.Ready, "True");
        await SettledAsync(tenant);
        return op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, SecretName(tenant))!;
    }

    /// <summary>
    /// Waits until the operator has stopped touching the tenant. The reconcile that marks it Ready writes its status,
    /// which queues one more look; a change made before that look would be repaired by it, proving nothing about the
    /// Secret watch.
    /// </summary>
    private async Task SettledAsync(string tenant)
    {
        var seen = -1;
        for (var look = 0; look < 30; look++)
        {
            var count = op.Kube.Requests.Count(r => r.Path.Contains($"/{tenant}", StringComparison.Ordinal));
            if (count == seen)
            {
                return;
            }
            seen = count;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"The operator kept working on {tenant} for 30 s.");
    }

    private async Task<string> WarningAsync(string tenant, string reason)
    {
        JsonObject? found = null;
        await op.Kube.WaitForAsync(() => (found = op.Kube.Events.LastOrDefault(e =>
            Reason(e) == reason && e["involvedObject"]?["name"]?.GetValue<string>() == tenant)) is not null, Prompt);
        Assert.Equal("Warning", found!["type"]!.GetValue<string>());
        return found["message"]!.GetValue<string>();
    }

    private HttpClient ApiClient(string token)
    {
        var client = op.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<List<string>> PublishedKeyIdsAsync(string tenant)
    {
        var item = (await op.Dynamo.GetItemAsync(new GetItemRequest { TableName = op.Tables.Registry, Key = TenantRecordItem.Key(tenant), ConsistentRead = true })).Item;
        return new Microsoft.IdentityModel.Tokens.JsonWebKeySet(TenantRecordItem.FromItem(item).SigningKeys).Keys.Select(k => k.KeyId).ToList();
    }

    private static string? Reason(JsonObject e) => e["reason"]?.GetValue<string>();

    private static string SecretName(string tenant) => TenantSecretLayout.SecretName(tenant);

    private static string Decode(JsonObject secret, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.GetValue<string>()));
}
