using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Sensitive;

/// <summary>Each user's own data key: made once however many first seals race, and beside it the tenant's keys still open what they sealed.</summary>
public sealed class UserKeyTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "user-keys";

    public Task InitializeAsync() => api.ProvisionAsync(Tenant);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_field_sealed_under_the_tenant_key_before_users_had_keys_still_opens()
    {
        var ledger = new Ledger(await api.ClientAsync(Tenant, "olga"));
        await SensitiveDataConsent.GrantAsync(ledger.Client);
        var account = await ledger.AccountAsync();
        var id = (await ledger.PostAsync(new { accountId = account, date = "2026-02-03", amount = -4_000L, payee = "New clinic", sensitive = true })).GetProperty("id").GetString()!;

        // Sealed as the API sealed before user keys: under the tenant's newest data key, in the same context.
        var table = api.Tables.Ledger(Tenant);
        var tenantKeyId = (await api.DynamoClient.QueryAsync(DataKeyItem.Query(table))).Items.Select(DataKeyItem.FromItem)
            .Where(k => k.Purpose == DataKeyPurpose.Encryption).Max(k => k.Id)!;
        var tenantKey = await StoredKeys.TenantKeyAsync(api.DynamoClient, table, Tenant, tenantKeyId);
        var legacy = FieldCipher.Encrypt(tenantKeyId, tenantKey, "Old clinic", SensitiveFields.Context(Tenant, "olga", id, SensitiveFields.PayeeField));
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#olga"), [LedgerTable.SortKey] = new AttributeValue($"TXN#{id}") },
            UpdateExpression = "SET payee = :legacy",
            ExpressionAttributeValues = new() { [":legacy"] = new AttributeValue(legacy) },
        });

        Assert.Equal("Old clinic", (await ledger.GetAsync(id)).GetProperty("payee").GetString());
    }

    [Fact]
    public async Task Racing_first_seals_of_one_user_make_one_key_that_seals_them_all()
    {
        var client = await api.ClientAsync(Tenant, "pavel");
        var account = (await (await client.PostJsonAsync("/v1/accounts", new { name = "Cards", type = "credit_card", currency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        var cards = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            (await (await client.PostJsonAsync("/v1/cards", new { pan = TestCardNumbers.NewVisa(), expMonth = 12, expYear = DateTime.UtcNow.Year + 2, holderName = "Pavel", accountId = account }))
                .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!));

        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest
            {
                TableName = api.Tables.Ledger(Tenant),
                Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#pavel"), [LedgerTable.SortKey] = new AttributeValue(CardItem.SortKey(card)) },
                ConsistentRead = true,
            })).Item;
            keyIds.Add(FieldCipher.KeyIdOf(item[CardItem.PanCiphertext].S)!);
        }
        var keyId = Assert.Single(keyIds);
        Assert.True(UserKeyItem.IsUserKeyId(keyId));
        // The one key stored is the one that sealed them.
        await StoredKeys.KeyAsync(api.DynamoClient, api.Tables.Ledger(Tenant), api.Tables.Keys(Tenant), Tenant, "pavel", keyId);
    }
}
