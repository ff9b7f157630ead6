using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Provisioning;

/// <summary>An API whose registry cache forgets quickly, so a retired key stops working within the test.</summary>
public sealed class ShortCacheApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Registry:CacheTtl"] = "00:00:00.200",
        ["Registry:MinRefreshInterval"] = "00:00:00",
    };
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class KeyRotationTests(ShortCacheApiFixture api) : IClassFixture<ShortCacheApiFixture>
{
    [Fact]
    public async Task A_rotated_key_keeps_verifying_for_the_overlap_window_and_then_stops()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, TestKek.Key, clock);
        var request = new TenantRequest("rotor", SigningKeyRotationDays: 30);
        var first = await provisioner.ProvisionAsync(request, CancellationToken.None);
        using var oldKey = await api.SigningKeyOf("rotor");
        var oldToken = TestTokens.Sign(new TokenSpec("rotor", "alice"), oldKey);
        await (await api.Client(oldToken).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        clock.Now += TimeSpan.FromDays(31);
        var rotated = await provisioner.ProvisionAsync(request, CancellationToken.None);
        Assert.NotEqual(first.SigningKeyId, rotated.SigningKeyId);
        Assert.Contains(rotated.Changes, c => c.Action.Contains("rotated", StringComparison.Ordinal));
        var published = await PublishedKeyIdsAsync("rotor");
        Assert.Equal(new[] { first.SigningKeyId, rotated.SigningKeyId }.Order(), published.Order());

        using var newKey = await api.SigningKeyOf("rotor");
        Assert.Equal(rotated.SigningKeyId, newKey.KeyId);
        await (await api.Client(TestTokens.Sign(new TokenSpec("rotor", "alice"), newKey)).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        await (await api.Client(oldToken).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        clock.Now += TenantProvisioner.KeyOverlap + TimeSpan.FromMinutes(1);
        var retired = await provisioner.ProvisionAsync(request, CancellationToken.None);
        Assert.Contains(retired.Changes, c => c.Action.Contains("retired", StringComparison.Ordinal));
        Assert.Equal([rotated.SigningKeyId!], await PublishedKeyIdsAsync("rotor"));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await (await api.Client(oldToken).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var steady = await provisioner.ProvisionAsync(request, CancellationToken.None);
        Assert.Empty(steady.Changes);
    }

    private async Task<List<string>> PublishedKeyIdsAsync(string tenant)
    {
        var item = (await api.DynamoClient.GetItemAsync(api.Tables.Registry, TenantRecordItem.Key(tenant))).Item;
        return new Microsoft.IdentityModel.Tokens.JsonWebKeySet(TenantRecordItem.FromItem(item).SigningKeys).Keys.Select(k => k.KeyId).ToList();
    }
}
