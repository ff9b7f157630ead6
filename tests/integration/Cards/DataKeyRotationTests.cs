using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Provisioning;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Cards;

/// <summary>An API that forgets unwrapped data keys quickly, so a rotation reaches it within the test.</summary>
public sealed class ShortKeyCacheApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Encryption:DataKeyCacheTtl"] = "00:00:00.200",
    };
}

public sealed class DataKeyRotationTests(ShortKeyCacheApiFixture api) : IClassFixture<ShortKeyCacheApiFixture>
{
    private async Task<string> CiphertextOfAsync(string tenant, string user, string cardId) =>
        (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger(tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue($"USER#{user}"), [LedgerTable.SortKey] = new AttributeValue($"CARD#{cardId}") },
            ConsistentRead = true,
        })).Item[CardItem.PanCiphertext].S;

    private async Task<string> WrappingKeyOfAsync(string tenant, string user) =>
        UserKeyItem.FromItem((await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Keys(tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue($"USER#{user}"), [LedgerTable.SortKey] = new AttributeValue(UserKeyItem.SortKey) },
            ConsistentRead = true,
        })).Item).WrappingKeyId;

    [Fact]
    public async Task After_a_rotation_new_user_keys_are_wrapped_under_the_new_key_while_the_old_key_still_opens_what_it_wrapped()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var provisioner = new TenantProvisioner(api.DynamoClient, api.Tables, api.Secrets, TestKek.Key, clock);
        var request = new TenantRequest("rotating-vault", DataKeyRotationDays: 30);
        var first = await provisioner.ProvisionUntilReadyAsync(request, TimeSpan.FromSeconds(30), CancellationToken.None);
        var alice = await api.ClientAsync("rotating-vault", "alice");
        var accountId = (await (await alice.PostJsonAsync("/v1/accounts", new { name = "Cards", type = "credit_card", currency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        object Card(string pan) => new { pan, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, holderName = "Alice", accountId };

        var before = (await (await alice.PostJsonAsync("/v1/cards", Card(TestCardNumbers.NewVisa()))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        clock.Now += TimeSpan.FromDays(31);
        var rotated = await provisioner.ProvisionAsync(request, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var afterPan = TestCardNumbers.NewVisa();
        var after = (await (await alice.PostJsonAsync("/v1/cards", Card(afterPan))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        // Cards are sealed under alice's own key, made before the rotation and wrapped under the tenant key of then;
        // it goes on sealing her cards. A user whose key is made after the rotation has it wrapped under the new one.
        var oldCiphertext = await CiphertextOfAsync("rotating-vault", "alice", before);
        var newCiphertext = await CiphertextOfAsync("rotating-vault", "alice", after);
        Assert.True(UserKeyItem.IsUserKeyId(FieldCipher.KeyIdOf(oldCiphertext)!));
        Assert.Equal(FieldCipher.KeyIdOf(oldCiphertext), FieldCipher.KeyIdOf(newCiphertext));
        Assert.Equal(first.DataKeyId, await WrappingKeyOfAsync("rotating-vault", "alice"));
        Assert.NotEqual(first.DataKeyId, rotated.DataKeyId);
        var bob = await api.ClientAsync("rotating-vault", "bob");
        var bobsAccount = (await (await bob.PostJsonAsync("/v1/accounts", new { name = "Cards", type = "credit_card", currency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await bob.PostJsonAsync("/v1/cards", new { pan = TestCardNumbers.NewVisa(), expMonth = 12, expYear = DateTime.UtcNow.Year + 2, holderName = "Bob", accountId = bobsAccount }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(rotated.DataKeyId, await WrappingKeyOfAsync("rotating-vault", "bob"));

        // Both cards stay in service: listed, and the duplicate guard still knows the newer number (same fingerprint key).
        Assert.Equal(2, (await (await alice.GetAsync("/v1/cards")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        var duplicate = await (await alice.PostJsonAsync("/v1/cards", Card(afterPan))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(after, duplicate.GetProperty("existingId").GetString());
    }
}
