using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Sensitive;

/// <summary>Every answer that discloses sensitive transactions is recorded first, once, naming exactly them.</summary>
public sealed class DisclosureAuditTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Date = "2026-03-05";

    private static void AssertDisclosure(JsonElement entry, string action, string scopes, params string[] transactionIds)
    {
        Assert.Equal("disclosed", entry.GetProperty("outcome").GetString());
        // alice's pseudonym: the trail never holds her id.
        Assert.StartsWith("psn_", entry.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", entry.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Equal(action, entry.GetProperty("action").GetString());
        Assert.Equal(scopes, entry.GetProperty("scopes").GetString());
        Assert.False(entry.GetProperty("committed").GetBoolean());
        Assert.Equal(transactionIds.Select(id => $"transaction/{id}").Order(StringComparer.Ordinal), StoredData.Resources(entry));
    }

    [Fact]
    public async Task Each_read_that_discloses_sensitive_transactions_leaves_one_record_naming_exactly_them()
    {
        const string tenant = "phi-reads";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var checking = await alice.AccountAsync("Checking");
        var cash = await alice.AccountAsync("Cash");
        var s1 = (await alice.PostAsync(new { accountId = checking, date = Date, amount = -4_000L, payee = "phi dermatology", sensitive = true })).GetProperty("id").GetString()!;
        var s2 = (await alice.PostAsync(new { accountId = checking, date = Date, amount = -1_000L, memo = "phi prescription", sensitive = true })).GetProperty("id").GetString()!;
        var n1 = (await alice.PostAsync(new { accountId = cash, date = Date, amount = -500L, payee = "Bakery" })).GetProperty("id").GetString()!;
        var stored = new StoredData(api, tenant);
        const string readWrite = "budget:read budget:write";

        // Creating is not disclosing: the answer echoes what the client sent.
        Assert.Empty(await stored.DisclosuresAsync());

        await alice.GetAsync(s1);
        await alice.GetAsync(n1);
        Assert.Single(await alice.ListAllAsync($"accountId={cash}"));
        var afterGets = await stored.DisclosuresAsync();
        AssertDisclosure(Assert.Single(afterGets), "GET /v1/transactions/{id}", readWrite, s1);

        Assert.Equal(3, (await alice.ListAllAsync()).Count);
        var changes = await (await alice.Client.GetAsync("/v1/changes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(changes.GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == s2 && c.GetProperty("data").GetProperty("memo").GetString() == "phi prescription");
        Assert.Contains("phi dermatology", await (await alice.Client.GetAsync("/v1/export")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("phi prescription", await (await alice.Client.GetAsync("/v1/export?format=csv")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reader = api.Client(await api.TokenAsync(new TokenSpec(tenant, "alice") { Scopes = [Scopes.BudgetRead] }));
        await (await reader.GetAsync($"/v1/transactions/{s2}")).ExpectAsync(HttpStatusCode.OK);

        var disclosures = await stored.DisclosuresAsync();
        Assert.Equal(6, disclosures.Count);
        AssertDisclosure(disclosures[1], "GET /v1/transactions", readWrite, s1, s2);
        AssertDisclosure(disclosures[2], "GET /v1/changes", readWrite, s1, s2);
        AssertDisclosure(disclosures[3], "GET /v1/export", readWrite, s1, s2);
        AssertDisclosure(disclosures[4], "GET /v1/export", readWrite, s1, s2);
        // The why: the scopes of the token that read, here only budget:read.
        AssertDisclosure(disclosures[5], "GET /v1/transactions/{id}", Scopes.BudgetRead, s2);

        // A patch's answer shows the stored payee and memos too: recorded as a disclosure beside the change's own record.
        await (await alice.Client.PatchJsonAsync($"/v1/transactions/{s1}", new { cleared = "cleared" })).ExpectAsync(HttpStatusCode.OK);
        var patch = (await stored.AuditAsync($"action={Uri.EscapeDataString("PATCH /v1/transactions/{id}")}")).ToList();
        Assert.Equal(["committed", "disclosed"], patch.Select(e => e.GetProperty("outcome").GetString()).Order(StringComparer.Ordinal));
        Assert.All(patch, e => Assert.Equal([$"transaction/{s1}"], StoredData.Resources(e)));

        // Ids only: no payee or memo in any record; and the chain still verifies with the disclosures in it.
        Assert.DoesNotContain(await stored.AuditAsync(), e => e.GetRawText().Contains("phi ", StringComparison.Ordinal));
        var auditor = api.Client(await api.TokenAsync(new TokenSpec(tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        Assert.True((await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Reading_transactions_that_are_not_sensitive_records_nothing()
    {
        const string tenant = "phi-plain";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        var account = await alice.AccountAsync();
        var id = (await alice.PostAsync(new { accountId = account, date = Date, amount = -500L, payee = "Bakery", memo = "bread" })).GetProperty("id").GetString()!;

        await alice.GetAsync(id);
        await alice.ListAllAsync();
        await (await alice.Client.GetAsync("/v1/changes")).ExpectAsync(HttpStatusCode.OK);
        await (await alice.Client.GetAsync("/v1/export")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync("/v1/export?format=csv")).StatusCode);
        await (await alice.Client.PatchJsonAsync($"/v1/transactions/{id}", new { memo = "rye bread" })).ExpectAsync(HttpStatusCode.OK);

        var audit = await new StoredData(api, tenant).AuditAsync();
        Assert.Equal(["committed", "committed", "committed"], audit.Select(e => e.GetProperty("outcome").GetString()));
    }
}

/// <summary>Its own API: the audit table it breaks would otherwise trouble the other tests' chainer.</summary>
public sealed class DisclosureFailureTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_read_whose_disclosure_cannot_be_recorded_is_a_503_that_shows_nothing_sensitive()
    {
        const string tenant = "phi-unrecorded";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var account = await alice.AccountAsync();
        var sensitive = (await alice.PostAsync(new { accountId = account, date = "2026-03-05", amount = -4_000L, memo = "phi biopsy", sensitive = true })).GetProperty("id").GetString()!;
        var plain = (await alice.PostAsync(new { accountId = account, date = "2026-03-05", amount = -500L, memo = "bread" })).GetProperty("id").GetString()!;
        // Chain what is pending, then take the audit table away.
        await new StoredData(api, tenant).AuditAsync();
        await api.DynamoClient.DeleteTableAsync(api.Tables.Audit(tenant));

        foreach (var url in new[] { $"/v1/transactions/{sensitive}", "/v1/transactions", "/v1/changes" })
        {
            var response = await alice.Client.GetAsync(url);
            var problem = await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.DoesNotContain("phi biopsy", problem.GetRawText(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Equal("bread", (await alice.GetAsync(plain)).GetProperty("memo").GetString());
    }
}
