using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.BreachDetection;

/// <summary>
/// Each breach signal, provoked over HTTP against an API process with small per-window limits, moves
/// <c>budgetbuddy_security_signals_total</c> for its tenant and signal, and by exactly one per burst.
/// </summary>
public sealed class SecuritySignalTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "sig-a";
    private const string Other = "sig-b";

    private ApiProcess process = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync(Tenant);
        await api.ProvisionAsync(Other);
        process = await ApiProcess.StartAsync(api, "signals", new Dictionary<string, string>
        {
            ["BreachDetection__NotFoundPerWindow"] = "5",
            ["BreachDetection__DisclosuresPerWindow"] = "3",
            ["BreachDetection__ExportsPerWindow"] = "2",
            ["BreachDetection__Window"] = "00:10:00",
        });
    }

    public async Task DisposeAsync() => await process.DisposeAsync();

    private async Task<double> SignalAsync(string tenant, string signal) =>
        await process.MetricAsync($"budgetbuddy_security_signals_total{{tenant=\"{tenant}\",signal=\"{signal}\"}}") ?? 0;

    private async Task<HttpClient> ClientAsync(TokenSpec spec) => process.Client(await api.TokenAsync(spec));

    [Fact]
    public async Task Refused_tokens_count_by_what_was_wrong_under_the_tenant_they_name_when_it_exists()
    {
        // Both tenants' keys are known to the process once each has been served.
        await (await (await ClientAsync(new TokenSpec(Tenant, "alice"))).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        await (await (await ClientAsync(new TokenSpec(Other, "bob"))).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        var before = (Foreign: await SignalAsync(Tenant, "foreign_key"), Unknown: await SignalAsync(Tenant, "unknown_kid"),
            Refused: await SignalAsync(Tenant, "refused_token"), NoTenant: await SignalAsync("unknown", "unknown_kid"));

        var crossTenant = new TokenSpec(Tenant, "mallory") { SignWith = await api.SigningKeyOf(Other) };
        var nobodysKey = new TokenSpec(Tenant, "mallory") { SignWith = SigningKey.Generate() };
        var expired = new TokenSpec(Tenant, "alice") { IssuedAt = DateTime.UtcNow.AddHours(-3), Expires = DateTime.UtcNow.AddHours(-2) };
        using var made = SigningKey.Generate();
        var noSuchTenant = TestTokens.Sign(new TokenSpec("sig-nobody", "mallory"), made);
        foreach (var spec in new[] { crossTenant, nobodysKey, expired })
        {
            await (await (await ClientAsync(spec)).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        await (await process.Client(noSuchTenant).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(before.Foreign + 1, await SignalAsync(Tenant, "foreign_key"));
        Assert.Equal(before.Unknown + 1, await SignalAsync(Tenant, "unknown_kid"));
        Assert.Equal(before.Refused + 1, await SignalAsync(Tenant, "refused_token"));
        Assert.Equal(before.NoTenant + 1, await SignalAsync("unknown", "unknown_kid"));
        var page = await process.Client("").GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.DoesNotContain("sig-nobody", page, StringComparison.Ordinal);
        Assert.DoesNotContain("mallory", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walking_ids_that_answer_404_raises_object_probing_once_per_window()
    {
        var walker = await ClientAsync(new TokenSpec(Tenant, "walker"));
        var before = await SignalAsync(Tenant, "object_probing");

        for (var i = 0; i < 4; i++)
        {
            await (await walker.GetAsync($"/v1/transactions/{Guid.NewGuid():N}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(before, await SignalAsync(Tenant, "object_probing"));
        for (var i = 0; i < 6; i++)
        {
            await (await walker.GetAsync($"/v1/accounts/{Guid.NewGuid():N}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(before + 1, await SignalAsync(Tenant, "object_probing"));
    }

    [Fact]
    public async Task Reading_sensitive_records_and_exporting_past_their_limits_raise_their_signals()
    {
        var reader = new Ledger(await ClientAsync(new TokenSpec(Tenant, "reader")));
        await SensitiveDataConsent.GrantAsync(reader.Client);
        var account = await reader.AccountAsync();
        var sensitive = (await reader.PostAsync(new { accountId = account, date = "2026-03-05", amount = -4_000L, memo = "dermatology", sensitive = true }))
            .GetProperty("id").GetString();
        var before = (Disclosures: await SignalAsync(Tenant, "disclosure_burst"), Exports: await SignalAsync(Tenant, "export_burst"));

        for (var i = 0; i < 3; i++)
        {
            await (await reader.Client.GetAsync($"/v1/transactions/{sensitive}")).ExpectAsync(HttpStatusCode.OK);
        }
        for (var i = 0; i < 2; i++)
        {
            using var export = await reader.Client.GetAsync("/v1/export");
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        Assert.Equal(before.Disclosures + 1, await SignalAsync(Tenant, "disclosure_burst"));
        Assert.Equal(before.Exports + 1, await SignalAsync(Tenant, "export_burst"));
    }

    [Fact]
    public async Task An_edited_audit_record_raises_audit_chain_broken_and_the_failing_report_compliance_control_failed()
    {
        const string tenant = "sig-tampered";
        await api.ProvisionAsync(tenant);
        var alice = await ClientAsync(new TokenSpec(tenant, "alice"));
        var admin = await ClientAsync(new TokenSpec(tenant, "admin") { Scopes = [Scopes.Admin] });
        var auditor = await ClientAsync(new TokenSpec(tenant, "auditor") { Scopes = [Scopes.AuditRead] });
        await (await alice.PostJsonAsync("/v1/categories", new { name = "Rent", group = "Home" })).ExpectAsync(HttpStatusCode.Created);
        // The report chains what is pending, so there is a record 1 to edit.
        var first = await (await admin.GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(first.GetProperty("compliant").GetBoolean(), first.ToString());
        Assert.Equal(0, await SignalAsync(tenant, "audit_chain_broken"));
        Assert.Equal(0, await SignalAsync(tenant, "compliance_control_failed"));

        var key = new Dictionary<string, AttributeValue>
        {
            [AuditTable.PartitionKey] = new AttributeValue("CHAIN#main"),
            [AuditTable.SortKey] = new AttributeValue("SEQ#" + 1.ToString("D20", CultureInfo.InvariantCulture)),
        };
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Audit(tenant), Key = key, ConsistentRead = true })).Item;
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Tables.Audit(tenant),
            Key = key,
            UpdateExpression = "SET #r = :r",
            ExpressionAttributeNames = new() { ["#r"] = "record" },
            ExpressionAttributeValues = new() { [":r"] = new AttributeValue(item["record"].S.Replace("\"actor\":\"psn_", "\"actor\":\"someone_", StringComparison.Ordinal)) },
        });

        var verified = await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(verified.GetProperty("intact").GetBoolean());
        Assert.Equal(1, await SignalAsync(tenant, "audit_chain_broken"));
        var report = await (await admin.GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(report.GetProperty("compliant").GetBoolean());
        Assert.Equal(1, await SignalAsync(tenant, "compliance_control_failed"));
    }
}
