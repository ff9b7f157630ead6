using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Sensitive;

/// <summary>Sensitive transactions (PHI): sealed at rest wherever they are written, answered in clear to their owner.</summary>
public sealed class SensitiveTransactionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // Distinctive, so a search of everything at rest cannot hit them by chance.
    private const string Payee = "Phi Oncology Partners 7Q";
    private const string Memo = "phi chemo copay cycle 3 7Q";
    private const string SplitMemo = "phi infusion pump rental 7Q";
    private const string TransferMemo = "phi therapy fund top-up 7Q";
    private const string Date = "2026-03-05";

    private static string Text(Dictionary<string, AttributeValue> item, string name) => item[name].S;

    [Fact]
    public async Task A_sensitive_transaction_is_ciphertext_everywhere_at_rest_and_each_ciphertext_opens_only_in_its_own_context()
    {
        const string tenant = "phi-rest";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var checking = await alice.AccountAsync("Checking");
        var hsa = await alice.AccountAsync("HSA");
        var food = await alice.CategoryAsync("Food");
        var body = new
        {
            accountId = checking, date = Date, amount = -12_000L, payee = Payee, memo = Memo, sensitive = true,
            splits = new[] { new { categoryId = food, amount = -10_000L, memo = SplitMemo }, new { categoryId = food, amount = -2_000L, memo = "phi second line 7Q" } },
        };

        var first = await alice.Client.PostJsonAsync("/v1/transactions", body, idempotencyKey: "phi-create");
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var replay = await alice.Client.PostJsonAsync("/v1/transactions", body, idempotencyKey: "phi-create");
        var replayed = await replay.ExpectAsync(HttpStatusCode.Created);
        var transfer = await alice.PostAsync(new { accountId = checking, date = Date, amount = -5_000L, payee = Payee, memo = TransferMemo, transferAccountId = hsa, sensitive = true });

        // The owner gets everything in clear: the create's answer, its replay, and every read.
        var id = created.GetProperty("id").GetString()!;
        var pairId = transfer.GetProperty("transferTransactionId").GetString()!;
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        foreach (var answer in new[] { created, replayed, await alice.GetAsync(id) })
        {
            Assert.Equal(id, answer.GetProperty("id").GetString());
            Assert.True(answer.GetProperty("sensitive").GetBoolean());
            Assert.Equal(Payee, answer.GetProperty("payee").GetString());
            Assert.Equal(Memo, answer.GetProperty("memo").GetString());
            Assert.Equal(SplitMemo, answer.GetProperty("splits")[0].GetProperty("memo").GetString());
        }
        var pair = await alice.GetAsync(pairId);
        Assert.True(pair.GetProperty("sensitive").GetBoolean());
        Assert.Equal(TransferMemo, pair.GetProperty("memo").GetString());
        Assert.Contains(await alice.ListAllAsync(), t => t.GetProperty("memo").GetString() == Memo);
        var changes = await (await alice.Client.GetAsync("/v1/changes?limit=1000")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(changes.GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == pairId && c.GetProperty("data").GetProperty("memo").GetString() == TransferMemo);
        var json = await (await alice.Client.GetAsync("/v1/export")).Content.ReadAsStringAsync();
        var csv = await (await alice.Client.GetAsync("/v1/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains(SplitMemo, json, StringComparison.Ordinal);
        Assert.Contains(SplitMemo, csv, StringComparison.Ordinal);
        Assert.Contains(Payee, csv, StringComparison.Ordinal);

        // Refused requests carrying the text: it must not end up in a problem or a log either.
        var malformed = await (await alice.Client.PostRawAsync("/v1/transactions", $$"""{"memo":"{{Memo}}", "payee": """)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var invalid = await (await alice.Client.PostJsonAsync("/v1/transactions", new { date = Date, amount = 1L, payee = Payee, memo = Memo, sensitive = true })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(Memo, malformed.GetRawText() + invalid.GetRawText(), StringComparison.Ordinal);

        // At rest, raw: the items, their index copies, the idempotency record, the change log, the audit records.
        var stored = new StoredData(api, tenant);
        await stored.AssertNowhereAtRestAsync(Payee, Memo, SplitMemo, TransferMemo, "phi second line 7Q", "Oncology", "chemo");
        Assert.DoesNotContain(api.Factory.Logs.Lines, l => l.Contains(Memo, StringComparison.Ordinal) || l.Contains(Payee, StringComparison.Ordinal)
            || l.Contains(SplitMemo, StringComparison.Ordinal) || l.Contains(TransferMemo, StringComparison.Ordinal));

        // The ciphertexts are real: each opens under the tenant's data key in its own context, and in no other.
        var item = await stored.TransactionItemAsync("alice", id);
        Assert.True(item[TransactionItem.Sensitive].BOOL);
        Assert.Equal(Payee, await stored.DecryptAsync(Text(item, "payee"), "alice", id, SensitiveFields.PayeeField));
        Assert.Equal(Memo, await stored.DecryptAsync(Text(item, "memo"), "alice", id, SensitiveFields.MemoField));
        Assert.Equal(SplitMemo, await stored.DecryptAsync(item["splits"].L[0].M["memo"].S, "alice", id, SensitiveFields.SplitMemoField(0)));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => stored.DecryptAsync(Text(item, "payee"), "alice", id, SensitiveFields.MemoField));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => stored.DecryptAsync(item["splits"].L[0].M["memo"].S, "alice", id, SensitiveFields.SplitMemoField(1)));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => stored.DecryptAsync(Text(item, "memo"), "alice", id, SensitiveFields.MemoField, contextUser: "mallory"));
        // Each side of a transfer has its own ciphertexts: one side's does not open as the other's.
        var pairItem = await stored.TransactionItemAsync("alice", pairId);
        Assert.Equal(TransferMemo, await stored.DecryptAsync(Text(pairItem, "memo"), "alice", pairId, SensitiveFields.MemoField));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => stored.DecryptAsync(Text(pairItem, "memo"), "alice", transfer.GetProperty("id").GetString()!, SensitiveFields.MemoField));
        // Amounts, dates and categories stay in clear: budgets and reports are computed from them.
        Assert.Equal("-12000", item["amount"].N);
        Assert.Equal(food, item["splits"].L[0].M["categoryId"].S);

        // The stored answer's request fingerprint is keyed: not a plain hash that guessed payees could be checked against.
        var plainRequest = new CreateTransactionRequest(checking, new DateOnly(2026, 3, 5), -12_000, Payee, null, Memo, null, null,
            [new SplitLineRequest(food, -10_000, SplitMemo), new SplitLineRequest(food, -2_000, "phi second line 7Q")], null, null, true);
        var idempotency = (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger(tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"), [LedgerTable.SortKey] = new AttributeValue("IDEMP#phi-create") },
            ConsistentRead = true,
        })).Item;
        Assert.NotEqual(PlainFingerprint(plainRequest), idempotency["fingerprint"].S);
        Assert.True(JsonSerializer.Deserialize(idempotency["body"].S, ApiJsonContext.Default.Transaction)!.Sensitive);
    }

    [Fact]
    public async Task A_transaction_in_a_sensitive_category_or_with_a_split_line_in_one_is_sealed_without_its_own_flag()
    {
        const string tenant = "phi-category";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var account = await alice.AccountAsync();
        var food = await alice.CategoryAsync("Food");
        var clinic = await (await alice.Client.PostJsonAsync("/v1/categories", new { name = "Clinic", group = "Health", sensitive = true })).ExpectAsync(HttpStatusCode.Created);
        var clinicId = clinic.GetProperty("id").GetString()!;
        Assert.True(clinic.GetProperty("sensitive").GetBoolean());
        Assert.True((await (await alice.Client.GetAsync($"/v1/categories/{clinicId}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("sensitive").GetBoolean());
        Assert.False((await (await alice.Client.GetAsync($"/v1/categories/{food}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("sensitive").GetBoolean());

        var inClinic = await alice.PostAsync(new { accountId = account, date = Date, amount = -3_000L, payee = Payee, memo = Memo, categoryId = clinicId });
        var split = await alice.PostAsync(new
        {
            accountId = account, date = Date, amount = -3_000L, payee = "phi pharmacy 7Q",
            splits = new[] { new { categoryId = food, amount = -1_000L, memo = "phi snacks 7Q" }, new { categoryId = clinicId, amount = -2_000L, memo = SplitMemo } },
        });
        var plain = await alice.PostAsync(new { accountId = account, date = Date, amount = -1_500L, payee = "Corner Market", memo = "weekly shop", categoryId = food });

        Assert.True(inClinic.GetProperty("sensitive").GetBoolean());
        Assert.Equal(Memo, inClinic.GetProperty("memo").GetString());
        Assert.True(split.GetProperty("sensitive").GetBoolean());
        Assert.False(plain.GetProperty("sensitive").GetBoolean());
        var stored = new StoredData(api, tenant);
        await stored.AssertNowhereAtRestAsync(Payee, Memo, SplitMemo, "phi pharmacy 7Q", "phi snacks 7Q");
        // Not sensitive: stored as before, in clear.
        var plainItem = await stored.TransactionItemAsync("alice", plain.GetProperty("id").GetString()!);
        Assert.Equal("weekly shop", plainItem["memo"].S);
        Assert.False(plainItem[TransactionItem.Sensitive].BOOL);
    }

    [Fact]
    public async Task Moving_into_a_sensitive_category_seals_and_unsealing_is_refused_while_a_category_demands_sealing()
    {
        const string tenant = "phi-update";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var account = await alice.AccountAsync();
        var food = await alice.CategoryAsync("Food");
        var clinic = (await (await alice.Client.PostJsonAsync("/v1/categories", new { name = "Clinic", group = "Health", sensitive = true })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var stored = new StoredData(api, tenant);
        var id = (await alice.PostAsync(new { accountId = account, date = Date, amount = -3_000L, payee = Payee, memo = Memo, categoryId = food })).GetProperty("id").GetString()!;
        Assert.Equal(Memo, (await stored.TransactionItemAsync("alice", id))["memo"].S);

        var moved = await (await alice.Client.PatchJsonAsync($"/v1/transactions/{id}", new { categoryId = clinic })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(moved.GetProperty("sensitive").GetBoolean());
        Assert.Equal(Memo, moved.GetProperty("memo").GetString());
        Assert.Equal(2, moved.GetProperty("version").GetInt64());
        await stored.AssertNowhereAtRestAsync(Payee, Memo);

        var refused = await (await alice.Client.PatchJsonAsync($"/v1/transactions/{id}", new { sensitive = false })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sensitive", refused.GetProperty("errors").GetProperty("sensitive")[0].GetString(), StringComparison.Ordinal);

        // A new memo is sealed like the rest; the unchanged payee still opens.
        var edited = await (await alice.Client.PatchJsonAsync($"/v1/transactions/{id}", new { memo = TransferMemo })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(TransferMemo, edited.GetProperty("memo").GetString());
        Assert.Equal(Payee, edited.GetProperty("payee").GetString());
        await stored.AssertNowhereAtRestAsync(Payee, Memo, TransferMemo);

        // Moving out keeps it sealed (nothing becomes clear by a recategorisation); then it may be unsealed on request.
        var movedOut = await (await alice.Client.PatchJsonAsync($"/v1/transactions/{id}", new { categoryId = food })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(movedOut.GetProperty("sensitive").GetBoolean());
        await stored.AssertNowhereAtRestAsync(TransferMemo);
        var unsealed = await (await alice.Client.PatchJsonAsync($"/v1/transactions/{id}", new { sensitive = false })).ExpectAsync(HttpStatusCode.OK);
        Assert.False(unsealed.GetProperty("sensitive").GetBoolean());
        Assert.Equal(TransferMemo, (await stored.TransactionItemAsync("alice", id))["memo"].S);
        Assert.Equal(TransferMemo, (await alice.GetAsync(id)).GetProperty("memo").GetString());

        // A transfer's other side follows when one side is sealed.
        var savings = await alice.AccountAsync("Savings");
        var transfer = await alice.PostAsync(new { accountId = account, date = Date, amount = -2_000L, memo = "phi hsa refill 7Q", transferAccountId = savings });
        var pairId = transfer.GetProperty("transferTransactionId").GetString()!;
        Assert.False(transfer.GetProperty("sensitive").GetBoolean());
        await (await alice.Client.PatchJsonAsync($"/v1/transactions/{transfer.GetProperty("id").GetString()}", new { sensitive = true })).ExpectAsync(HttpStatusCode.OK);
        var pair = await alice.GetAsync(pairId);
        Assert.True(pair.GetProperty("sensitive").GetBoolean());
        Assert.Equal("phi hsa refill 7Q", pair.GetProperty("memo").GetString());
        await stored.AssertNowhereAtRestAsync("phi hsa refill 7Q");
    }

    private static string PlainFingerprint(CreateTransactionRequest request)
    {
        var bytes = Encoding.UTF8.GetBytes("POST /v1/transactions").Append((byte)0).Concat(JsonSerializer.SerializeToUtf8Bytes(request, ApiJsonContext.Default.CreateTransactionRequest)).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
