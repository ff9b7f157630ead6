using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Cards;

public sealed class CardVaultTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Visa = "4111111111111111";
    private const string Amex = "378282246310005";

    private static async Task<string> AccountAsync(HttpClient client) =>
        (await (await client.PostJsonAsync("/v1/accounts", new { name = "Card account", type = "credit_card", currency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static object CardBody(string pan, string accountId, int? expYear = null) =>
        new { pan, expMonth = 12, expYear = expYear ?? DateTime.UtcNow.Year + 2, holderName = "Ada Lovelace", accountId };

    /// <summary>Every attribute value of every item in a table, as text, for searching at rest.</summary>
    private async Task<List<string>> EverythingStoredAsync(string table) =>
        [.. (await TableItems.AllAsync(api.DynamoClient, table))
            .SelectMany(item => item.Values.Select(v => v.S ?? v.N ?? (v.B is { } b ? Convert.ToBase64String(b.ToArray()) : JsonSerializer.Serialize(v))))];

    [Fact]
    public async Task A_stored_card_is_answered_masked_and_no_plaintext_number_is_anywhere_at_rest()
    {
        await api.ProvisionAsync("vault");
        var alice = await api.ClientAsync("vault", "alice");
        var accountId = await AccountAsync(alice);

        var created = await (await alice.PostJsonAsync("/v1/cards", CardBody("4111 1111 1111 1111", accountId), idempotencyKey: "card-1")).ExpectAsync(HttpStatusCode.Created);

        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("visa", created.GetProperty("brand").GetString());
        Assert.Equal("1111", created.GetProperty("last4").GetString());
        Assert.Equal("************1111", created.GetProperty("masked").GetString());
        Assert.Equal(accountId, created.GetProperty("accountId").GetString());
        Assert.False(created.TryGetProperty("pan", out _));
        var fetched = await (await alice.GetAsync($"/v1/cards/{id}")).ExpectAsync(HttpStatusCode.OK);
        var listed = await (await alice.GetAsync("/v1/cards")).ExpectAsync(HttpStatusCode.OK);
        var changes = await (await alice.GetAsync("/v1/changes")).ExpectAsync(HttpStatusCode.OK);
        foreach (var answer in new[] { created, fetched, listed, changes })
        {
            Assert.DoesNotContain(Visa, answer.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("4111 1111", answer.GetRawText(), StringComparison.Ordinal);
        }
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetString());

        // At rest, read raw through the SDK: the card item, the idempotency record, the change log, the audit records.
        var stored = await EverythingStoredAsync(api.Tables.Ledger("vault"));
        stored.AddRange(await EverythingStoredAsync(api.Tables.Audit("vault")));
        Assert.DoesNotContain(stored, v => v.Contains(Visa, StringComparison.Ordinal) || v.Contains("4111 1111", StringComparison.Ordinal));

        // The ciphertext is real: it opens with the user's data key in its own context, and in no other.
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger("vault"),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"), [LedgerTable.SortKey] = new AttributeValue($"CARD#{id}") },
            ConsistentRead = true,
        })).Item;
        var ciphertext = item[CardItem.PanCiphertext].S;
        var keyId = FieldCipher.KeyIdOf(ciphertext)!;
        Assert.True(UserKeyItem.IsUserKeyId(keyId), $"a new card number is sealed under the user's key, not {keyId}");
        var key = await StoredKeys.KeyAsync(api.DynamoClient, api.Tables.Ledger("vault"), api.Tables.Keys("vault"), "vault", "alice", keyId);
        Assert.Equal(Visa, FieldCipher.Decrypt(key, ciphertext, CardItem.EncryptionContext("vault", "alice", id)));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => FieldCipher.Decrypt(key, ciphertext, CardItem.EncryptionContext("vault", "mallory", id)));
    }

    [Theory]
    [InlineData("4111111111111112", "check digit")]
    [InlineData("41111111111", "12 to 19 digits")]
    [InlineData("41111111111111111111", "12 to 19 digits")]
    [InlineData("4111-1111-1111-111x", "12 to 19 digits")]
    [InlineData("4111  1111 1111 1111", "12 to 19 digits")]
    public async Task An_invalid_number_is_refused_without_being_repeated(string pan, string reason)
    {
        await api.ProvisionAsync("vault-invalid");
        var alice = await api.ClientAsync("vault-invalid", "alice");
        var accountId = await AccountAsync(alice);

        var response = await alice.PostJsonAsync("/v1/cards", CardBody(pan, accountId));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("pan")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(pan, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await alice.GetAsync("/v1/cards")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Expiry_holder_and_account_are_checked_and_another_users_account_is_not_accepted()
    {
        await api.ProvisionAsync("vault-fields");
        var alice = await api.ClientAsync("vault-fields", "alice");
        var bob = await api.ClientAsync("vault-fields", "bob");
        var bobsAccount = await AccountAsync(bob);
        var accountId = await AccountAsync(alice);

        var expired = await (await alice.PostJsonAsync("/v1/cards", new { pan = Visa, expMonth = 1, expYear = DateTime.UtcNow.Year - 1, holderName = "A", accountId }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(expired.GetProperty("errors").TryGetProperty("expYear", out _));
        var missing = await (await alice.PostJsonAsync("/v1/cards", new { pan = Visa, expMonth = 13, accountId })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("expMonth", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("holderName", out _));
        var foreign = await (await alice.PostJsonAsync("/v1/cards", CardBody(Visa, bobsAccount))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(foreign.GetProperty("errors").TryGetProperty("accountId", out _));
    }

    [Fact]
    public async Task The_same_number_twice_is_a_conflict_naming_the_stored_card_until_that_card_is_deleted()
    {
        await api.ProvisionAsync("vault-dup");
        var alice = await api.ClientAsync("vault-dup", "alice");
        var bob = await api.ClientAsync("vault-dup", "bob");
        var accountId = await AccountAsync(alice);
        var first = await (await alice.PostJsonAsync("/v1/cards", CardBody(Amex, accountId))).ExpectAsync(HttpStatusCode.Created);
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal("amex", first.GetProperty("brand").GetString());

        var duplicate = await (await alice.PostJsonAsync("/v1/cards", CardBody("3782-822463-10005", accountId))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(id, duplicate.GetProperty("existingId").GetString());
        // Another user may hold the same card number (a shared family card): duplicates are per user.
        await (await bob.PostJsonAsync("/v1/cards", CardBody(Amex, await AccountAsync(bob)))).ExpectAsync(HttpStatusCode.Created);
        await (await bob.GetAsync($"/v1/cards/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await bob.DeleteAsync($"/v1/cards/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);

        await (await alice.DeleteAsync($"/v1/cards/{id}", "\"2\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/v1/cards/{id}", "\"1\"")).StatusCode);
        await (await alice.GetAsync($"/v1/cards/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await alice.PostJsonAsync("/v1/cards", CardBody(Amex, accountId))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_stores_one_card()
    {
        await api.ProvisionAsync("vault-retry");
        var alice = await api.ClientAsync("vault-retry", "alice");
        var accountId = await AccountAsync(alice);

        var first = await (await alice.PostJsonAsync("/v1/cards", CardBody(Visa, accountId), idempotencyKey: "same")).ExpectAsync(HttpStatusCode.Created);
        var again = await (await alice.PostJsonAsync("/v1/cards", CardBody(Visa, accountId), idempotencyKey: "same")).ExpectAsync(HttpStatusCode.Created);
        await (await alice.PostJsonAsync("/v1/cards", CardBody(Amex, accountId), idempotencyKey: "same")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(1, (await (await alice.GetAsync("/v1/cards")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }
}
