using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Erasure;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Sensitive;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Erasure;

/// <summary>
/// Erasure of a user (GDPR Art. 17): every item of theirs goes, their key first, the audit chain keeps verifying with
/// a record of the erasure, and afterwards the API answers for them as for a user who never existed.
/// </summary>
public sealed class ErasureTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "erasing";

    public Task InitializeAsync() => api.ProvisionAsync(Tenant);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Erasing_oneself_removes_every_item_and_leaves_a_verifiable_trail_that_names_nobody()
    {
        var user = "erin-" + Guid.NewGuid().ToString("N")[..12];
        var client = await api.ClientAsync(Tenant, user);
        var held = await HoldingsAsync(client);

        var accepted = await client.DeleteAsync("/v1/users/me");
        var erasure = await accepted.ExpectAsync(HttpStatusCode.Accepted);
        var location = accepted.Headers.Location!.ToString();
        Assert.Equal($"/v1/erasures/{erasure.GetProperty("id").GetString()}", location);
        await CompletedAsync(client, location);

        // Nothing of the user is left: not in their partition, and not their id anywhere in either table.
        var partition = await api.DynamoClient.QueryAsync(new QueryRequest
        {
            TableName = api.Tables.Ledger(Tenant),
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue($"USER#{user}") },
            ConsistentRead = true,
        });
        Assert.Empty(partition.Items);
        var stored = new StoredData(api, Tenant);
        await stored.AssertNowhereAtRestAsync(user);

        // The API answers as for a user who never existed.
        Assert.Equal(0, (await (await client.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await client.GetAsync("/v1/consents")).ExpectAsync(HttpStatusCode.OK)).GetProperty("consents").GetArrayLength());
        foreach (var path in held.Paths)
        {
            await (await client.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.NotFound);
        }

        // The chain verifies, and holds the erasure's record: asked by the subject, naming them by pseudonym only.
        var auditor = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        await WaitForChainAsync(auditor, "outcome=erased");
        var verified = await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        var byUser = await stored.AuditAsync($"actor={user}");
        Assert.NotEmpty(byUser);
        var pseudonym = byUser[0].GetProperty("actor").GetString()!;
        Assert.StartsWith(AuditPseudonym.Prefix, pseudonym, StringComparison.Ordinal);
        Assert.All(byUser, e => Assert.Equal(pseudonym, e.GetProperty("actor").GetString()));
        var erased = Assert.Single(byUser, e => e.GetProperty("outcome").GetString() == "erased");
        Assert.Equal($"user/{pseudonym}", Assert.Single(erased.GetProperty("resources").EnumerateArray()).GetString());
        Assert.Equal(Scopes.BudgetWrite, erased.GetProperty("scopes").GetString());
        Assert.Equal(byUser.Count, (await stored.AuditAsync($"actor={pseudonym}")).Count);

        // The user may come back as a new one: a write after the erasure commits, and the erasure still reads as done.
        await (await client.PostJsonAsync("/v1/accounts", new { name = "Fresh start", type = "checking", currency = "USD", openingBalance = 0 }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("completed", (await (await client.GetAsync(location)).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_back_office_erases_a_user_and_only_it_and_the_subject_can_follow_the_erasure()
    {
        var user = "frank-" + Guid.NewGuid().ToString("N")[..12];
        var client = await api.ClientAsync(Tenant, user);
        await HoldingsAsync(client);
        var admin = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "back-office") { Scopes = [Scopes.Admin] }));
        var other = await api.ClientAsync(Tenant, "grace");

        await (await client.DeleteAsync($"/v1/users/{user}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var first = await admin.DeleteAsync($"/v1/users/{user}");
        await first.ExpectAsync(HttpStatusCode.Accepted);
        var location = first.Headers.Location!.ToString();
        await CompletedAsync(admin, location);
        Assert.Equal("completed", (await (await client.GetAsync(location)).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        await (await other.GetAsync(location)).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Asking again answers the same erasure.
        var again = await admin.DeleteAsync($"/v1/users/{user}");
        await again.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(location, again.Headers.Location!.ToString());
        await CompletedAsync(admin, location);

        await new StoredData(api, Tenant).AssertNowhereAtRestAsync(user);
        var auditor = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        await WaitForChainAsync(auditor, "outcome=erased&actor=back-office");
        var records = await new StoredData(api, Tenant).AuditAsync("outcome=erased&actor=back-office");
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(Scopes.Admin, r.GetProperty("scopes").GetString()));
    }

    /// <summary>
    /// What erasure guarantees for backups: the user's sealed fields and card numbers open only with the user's key,
    /// which lives in the tenant's keys table, never backed up. A copy of the ledger and audit tables taken before the
    /// erasure (as a backup restored elsewhere holds them) opens while the key exists and holds only ciphertext
    /// nobody can open once the erasure destroyed it, though the copy keeps every tenant data key.
    /// </summary>
    [Fact]
    public async Task A_copy_of_the_tables_taken_before_the_erasure_holds_only_ciphertext_nobody_can_open_after_it()
    {
        var user = "hana-" + Guid.NewGuid().ToString("N")[..12];
        var client = await api.ClientAsync(Tenant, user);
        var held = await HoldingsAsync(client);
        var copy = await CopyAsync(api.Tables.Ledger(Tenant));
        await CopyAsync(api.Tables.Audit(Tenant));

        var transaction = await ItemAsync(copy, user, $"TXN#{held.TransactionId}");
        var payee = transaction["payee"].S;
        var card = (await ItemAsync(copy, user, CardItem.SortKey(held.CardId)))[CardItem.PanCiphertext].S;
        var keyId = FieldCipher.KeyIdOf(payee)!;
        Assert.True(UserKeyItem.IsUserKeyId(keyId));
        Assert.Equal(keyId, FieldCipher.KeyIdOf(card));
        // Before the erasure the copy opens, with the tenant's data keys it holds and the user's key.
        var stored = new StoredData(api, Tenant);
        Assert.Equal("Dr. Ortiz clinic", await stored.DecryptAsync(payee, user, held.TransactionId, "payee", copy));
        Assert.DoesNotContain(await TableItems.AllAsync(api.DynamoClient, copy), i => i[LedgerTable.SortKey].S == UserKeyItem.SortKey);

        await CompletedAsync(client, (await client.DeleteAsync("/v1/users/me")).Headers.Location!.ToString());

        // After it, the copy's sealed fields and card number open nowhere: no user key exists, and no tenant key opens them.
        await Assert.ThrowsAsync<KeyNotFoundException>(() => stored.DecryptAsync(payee, user, held.TransactionId, "payee", copy));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => StoredKeys.KeyAsync(api.DynamoClient, copy, api.Tables.Keys(Tenant), Tenant, user, keyId));
        foreach (var tenantKey in (await api.DynamoClient.QueryAsync(BudgetBuddy.TenantContracts.Keys.DataKeyItem.Query(copy))).Items.Select(BudgetBuddy.TenantContracts.Keys.DataKeyItem.FromItem))
        {
            var key = await StoredKeys.TenantKeyAsync(api.DynamoClient, copy, Tenant, tenantKey.Id);
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => FieldCipher.Decrypt(key, payee, BudgetBuddy.Api.Sensitive.SensitiveFields.Context(Tenant, user, held.TransactionId, "payee")));
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => FieldCipher.Decrypt(key, card, CardItem.EncryptionContext(Tenant, user, held.CardId)));
        }
        Assert.DoesNotContain(await TableItems.AllAsync(api.DynamoClient, api.Tables.Keys(Tenant)), i => i[LedgerTable.PartitionKey].S == $"USER#{user}");
    }

    [Fact]
    public async Task An_erasure_whose_worker_stopped_resumes_when_its_subject_reads_it()
    {
        var user = "ivan-" + Guid.NewGuid().ToString("N")[..12];
        var client = await api.ClientAsync(Tenant, user);
        await HoldingsAsync(client);

        // The record an erasure leaves when its pod stops right after taking it: running, its lease lapsed, nothing erased yet.
        var table = api.Tables.Ledger(Tenant);
        var keys = (await api.DynamoClient.QueryAsync(DataKeyItem.Query(table))).Items.Select(DataKeyItem.FromItem).ToList();
        var fingerprintKey = await TestKek.Key.UnwrapAsync(Tenant, keys.Single(k => k.Purpose == DataKeyPurpose.Fingerprint).Wrapped, CancellationToken.None);
        var subject = AuditPseudonym.Of(TenantKeys.PseudonymKeyOf(fingerprintKey), user);
        var id = AuditPseudonym.Digits(subject);
        var tenantKeyId = keys.Where(k => k.Purpose == DataKeyPurpose.Encryption).Max(k => k.Id)!;
        var tenantKey = await StoredKeys.TenantKeyAsync(api.DynamoClient, table, Tenant, tenantKeyId);
        var now = DateTimeOffset.UtcNow;
        var item = ErasureItem.Key(id);
        item[ErasureItem.SubjectAttribute] = new AttributeValue(subject);
        item[ErasureItem.RequestedByAttribute] = new AttributeValue(subject);
        item[ErasureItem.ScopesAttribute] = new AttributeValue(Scopes.BudgetWrite);
        item[ErasureItem.StatusAttribute] = new AttributeValue(UserErasure.Running);
        item[ErasureItem.RunAttribute] = new AttributeValue { N = "1" };
        item[ErasureItem.AuditIdAttribute] = new AttributeValue(Guid.CreateVersion7().ToString("N"));
        item[ErasureItem.SealedUserIdAttribute] = new AttributeValue(FieldCipher.Encrypt(tenantKeyId, tenantKey, user, ErasureItem.UserIdContext(Tenant, id)));
        item[ErasureItem.RequestedAtAttribute] = new AttributeValue(now.AddMinutes(-5).UtcDateTime.ToString("O"));
        item[ErasureItem.LeaseUntilAttribute] = new AttributeValue(now.AddMinutes(-3).UtcDateTime.ToString("O"));
        await api.DynamoClient.PutItemAsync(table, item);

        await CompletedAsync(client, $"/v1/erasures/{id}");
        await new StoredData(api, Tenant).AssertNowhereAtRestAsync(user);
        var completed = (await api.DynamoClient.GetItemAsync(table, ErasureItem.Key(id))).Item;
        Assert.False(completed.ContainsKey(ErasureItem.SealedUserIdAttribute), "a completed erasure keeps no copy of the user id, sealed or not");
    }

    private sealed record Holdings(string TransactionId, string CardId, IReadOnlyList<string> Paths);

    /// <summary>Gives the user one of everything: consent, an account, a sensitive transaction, a card, an idempotent create and an import job.</summary>
    private static async Task<Holdings> HoldingsAsync(HttpClient client)
    {
        await SensitiveDataConsent.GrantAsync(client);
        var account = (await (await client.PostJsonAsync("/v1/accounts", new { name = "Everyday", type = "checking", currency = "USD", openingBalance = 10_000 }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var transaction = (await (await client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-02-03", amount = -4_000L, payee = "Dr. Ortiz clinic", memo = "therapy", sensitive = true }, Guid.NewGuid().ToString("N")))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var card = (await (await client.PostJsonAsync("/v1/cards", new { pan = TestCardNumbers.NewVisa(), expMonth = 12, expYear = DateTime.UtcNow.Year + 3, holderName = "Holder", accountId = account }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var import = new HttpRequestMessage(HttpMethod.Post, $"/v1/accounts/{account}/import")
        {
            Content = new StringContent("date,amount,payee\n2026-02-04,-12.50,Corner shop\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        import.Headers.Add("Prefer", "respond-async");
        var started = await client.SendAsync(import);
        var job = (await started.ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => (await (await client.GetAsync($"/v1/imports/{job}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "completed", "the import did not complete");
        return new Holdings(transaction, card, [$"/v1/accounts/{account}", $"/v1/transactions/{transaction}", $"/v1/cards/{card}", $"/v1/imports/{job}"]);
    }

    private static Task CompletedAsync(HttpClient client, string location) =>
        Eventually.TrueAsync(async () => (await (await client.GetAsync(location)).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "completed", "the erasure did not complete");

    private static async Task WaitForChainAsync(HttpClient auditor, string query) =>
        await Eventually.TrueAsync(async () => (await (await auditor.GetAsync($"/v1/audit?{query}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength() > 0, "the audit record was not chained");

    /// <summary>A copy of a table's items in a new table, as a backup restored elsewhere would hold them.</summary>
    private async Task<string> CopyAsync(string source)
    {
        var copy = $"{source}-copy-{Guid.NewGuid().ToString("N")[..6]}";
        await api.DynamoClient.CreateTableAsync(new CreateTableRequest
        {
            TableName = copy,
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new(LedgerTable.PartitionKey, "S"), new(LedgerTable.SortKey, "S")],
            KeySchema = [new(LedgerTable.PartitionKey, Amazon.DynamoDBv2.KeyType.HASH), new(LedgerTable.SortKey, Amazon.DynamoDBv2.KeyType.RANGE)],
        });
        foreach (var item in await TableItems.AllAsync(api.DynamoClient, source))
        {
            await api.DynamoClient.PutItemAsync(copy, item);
        }
        return copy;
    }

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(string table, string user, string sortKey) =>
        (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue($"USER#{user}"), [LedgerTable.SortKey] = new AttributeValue(sortKey) },
            ConsistentRead = true,
        })).Item;
}
