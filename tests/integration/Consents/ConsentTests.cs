using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Consents;

/// <summary>Consent gates sensitive processing: marking anything sensitive needs the sensitive-data consent, and every decision is audited.</summary>
public sealed class ConsentTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("consenting");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Marking_data_sensitive_needs_the_consent_and_revoking_it_stops_new_marking()
    {
        var ledger = new Ledger(await api.ClientAsync("consenting", "carol"));
        var account = await ledger.AccountAsync();
        var empty = await (await ledger.Client.GetAsync("/v1/consents")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("consents").GetArrayLength());

        // Without consent: each way of marking data sensitive is a 403 naming the consent, and writes nothing.
        var refused = new[]
        {
            await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-02-03", amount = -4_000L, memo = "clinic", sensitive = true }),
            await ledger.Client.PostJsonAsync("/v1/categories", new { name = "Health", group = "Care", sensitive = true }),
        };
        foreach (var response in refused)
        {
            var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("sensitive-data", problem.GetProperty("consent").GetString());
        }
        Assert.Empty(await ledger.ListAllAsync($"accountId={account}"));
        var plain = await (await ledger.Client.PostJsonAsync("/v1/categories", new { name = "Pharmacy", group = "Care" })).ExpectAsync(HttpStatusCode.Created);
        await (await ledger.Client.PatchJsonAsync($"/v1/categories/{plain.GetProperty("id").GetString()}", new { sensitive = true }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);

        var granted = await (await ledger.Client.PutAsJsonAsync("/v1/consents", new { purpose = "sensitive-data", granted = true, version = "2026-01", source = "app" }))
            .ExpectAsync(HttpStatusCode.OK);
        var consent = Assert.Single(granted.GetProperty("consents").EnumerateArray());
        Assert.True(consent.GetProperty("granted").GetBoolean());
        Assert.Equal("2026-01", consent.GetProperty("version").GetString());
        var marked = await ledger.PostAsync(new { accountId = account, date = "2026-02-03", amount = -4_000L, memo = "clinic", sensitive = true });
        Assert.True(marked.GetProperty("sensitive").GetBoolean());

        await (await ledger.Client.PutAsJsonAsync("/v1/consents", new { purpose = "sensitive-data", granted = false, version = "2026-01", source = "back-office" }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-02-04", amount = -1_000L, sensitive = true }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        // What was sealed stays sealed, and readable by its owner.
        Assert.Equal("clinic", (await ledger.GetAsync(marked.GetProperty("id").GetString()!)).GetProperty("memo").GetString());

        // Both decisions are in the audit trail, in the transactions that recorded them.
        var auditor = api.Client(await api.TokenAsync(new TokenSpec("consenting", "auditor") { Scopes = [Scopes.AuditRead] }));
        var trail = await (await auditor.GetAsync($"/v1/audit?actor=carol&action={Uri.EscapeDataString("PUT /v1/consents")}&limit=200")).ExpectAsync(HttpStatusCode.OK);
        var decisions = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(["consent/sensitive-data"], d.GetProperty("resources").EnumerateArray().Select(r => r.GetString())));
        Assert.All(decisions, d => Assert.True(d.GetProperty("committed").GetBoolean()));

        // The portability export carries the decision with everything else of the user's.
        var export = await (await ledger.Client.GetAsync("/v1/export")).ExpectAsync(HttpStatusCode.OK);
        var exported = Assert.Single(export.GetProperty("consents").EnumerateArray());
        Assert.Equal("sensitive-data", exported.GetProperty("purpose").GetString());
        Assert.False(exported.GetProperty("granted").GetBoolean());
        Assert.Equal("back-office", exported.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Array, export.GetProperty("cards").ValueKind);
    }

    [Theory]
    [InlineData("""{"purpose":"marketing","granted":true,"version":"1","source":"app"}""", "purpose")]
    [InlineData("""{"purpose":"sensitive-data","version":"1","source":"app"}""", "granted")]
    [InlineData("""{"purpose":"sensitive-data","granted":true,"source":"app"}""", "version")]
    [InlineData("""{"purpose":"sensitive-data","granted":true,"version":"1"}""", "source")]
    public async Task A_decision_names_a_known_purpose_a_text_version_and_a_source(string body, string field)
    {
        var client = await api.ClientAsync("consenting", "dave");

        var problem = await (await client.PutAsync("/v1/consents", new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
