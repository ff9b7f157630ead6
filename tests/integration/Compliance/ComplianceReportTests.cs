using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Compliance;

public sealed class ComplianceReportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<HttpClient> AdminAsync(string tenant) =>
        api.Client(await api.TokenAsync(new TokenSpec(tenant, "compliance-officer") { Scopes = [Scopes.Admin] }));

    private static Dictionary<string, JsonElement> ControlsOf(JsonElement report) =>
        report.GetProperty("controls").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);

    private static string StatusOf(Dictionary<string, JsonElement> controls, string id) => controls[id].GetProperty("status").GetString()!;

    private Task<BinaryRun> CliAsync(string tenant, params string[] more) => BinaryRun.RunAsync(
        "budgetbuddy-operator",
        ["compliance-report", tenant, "--endpoint", api.Dynamo.ServiceUrl, "--table-prefix", api.TablePrefix, .. more]);

    [Fact]
    public async Task A_healthy_tenant_is_reported_compliant_with_evidence_and_local_gaps_marked_unsupported()
    {
        await api.ProvisionAsync("compliant");
        var alice = await api.ClientAsync("compliant", "alice");
        var account = await (await alice.PostJsonAsync("/v1/accounts", new { name = "Cards", type = "credit_card", currency = "USD" })).ExpectAsync(HttpStatusCode.Created);
        await (await alice.PostJsonAsync("/v1/cards", new
        {
            pan = TestCardNumbers.NewVisa(), expMonth = 12, expYear = DateTime.UtcNow.Year + 2, holderName = "Alice", accountId = account.GetProperty("id").GetString(),
        })).ExpectAsync(HttpStatusCode.Created);

        var report = await (await (await AdminAsync("compliant")).GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);

        Assert.True(report.GetProperty("compliant").GetBoolean(), report.ToString());
        var controls = ControlsOf(report);
        Assert.Equal(ComplianceStatus.Unsupported, StatusOf(controls, "encryption-at-rest:ledger"));
        Assert.Equal(ComplianceStatus.Unsupported, StatusOf(controls, "point-in-time-recovery:audit"));
        // The keys table exists (PITR, and so backups of it, DynamoDB Local cannot show).
        Assert.Equal(ComplianceStatus.Unsupported, StatusOf(controls, "user-keys-outside-backups"));
        Assert.Contains(api.Tables.Keys("compliant"), controls["user-keys-outside-backups"].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(ComplianceStatus.Pass, StatusOf(controls, "audit-chain"));
        Assert.Contains("2 records verified", controls["audit-chain"].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(ComplianceStatus.Pass, StatusOf(controls, "data-key-age"));
        Assert.Equal(ComplianceStatus.Pass, StatusOf(controls, "no-plaintext-pan"));
        Assert.Equal(ComplianceStatus.Pass, StatusOf(controls, "rate-limit-plan"));
        Assert.Equal(ComplianceStatus.Pass, StatusOf(controls, "rate-limit-user"));
        Assert.Equal(ComplianceStatus.Pass, StatusOf(controls, "retention"));

        await (await alice.GetAsync("/v1/compliance/report")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var cli = await CliAsync("compliant", "--json");
        Assert.True(cli.ExitCode == 0, cli.Stderr + cli.Stdout);
        using var fromCli = JsonDocument.Parse(cli.Stdout);
        Assert.True(fromCli.RootElement.GetProperty("compliant").GetBoolean());
        // The same controls, but the per-user limit, which only the API's settings know.
        Assert.Equal(controls.Keys.Where(k => k != "rate-limit-user").Order(StringComparer.Ordinal), ControlsOf(fromCli.RootElement).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_card_number_shaped_amount_stored_as_a_number_is_not_a_plaintext_card_number()
    {
        await api.ProvisionAsync("big-spender");
        var ledger = new Ledger(await api.ClientAsync("big-spender", "alice"));
        var account = await ledger.AccountAsync();
        var category = await ledger.CategoryAsync("Windfall");
        // 15 digits that pass Luhn: as text it would be a card number; as the amounts it makes, it is money.
        const long amount = 999_999_999_997_360;
        await ledger.PostAsync(new { accountId = account, date = "2026-05-04", amount, categoryId = category });
        var month = await (await ledger.Client.GetAsync("/v1/budgets/2026-05")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(amount, month.GetProperty("categories").EnumerateArray()
            .Single(c => c.GetProperty("categoryId").GetString() == category).GetProperty("activity").GetInt64());
        Assert.Equal(amount, await ledger.BalanceAsync(account));

        var report = await (await (await AdminAsync("big-spender")).GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);

        var controls = ControlsOf(report);
        Assert.True(StatusOf(controls, "no-plaintext-pan") == ComplianceStatus.Pass, controls["no-plaintext-pan"].ToString());
        Assert.True(report.GetProperty("compliant").GetBoolean(), report.ToString());
        var cli = await CliAsync("big-spender");
        Assert.True(cli.ExitCode == 0, cli.Stderr + cli.Stdout);
    }

    [Fact]
    public async Task A_plaintext_card_number_at_rest_or_an_edited_audit_record_fails_the_report_without_repeating_the_number()
    {
        await api.ProvisionAsync("noncompliant");
        var alice = await api.ClientAsync("noncompliant", "alice");
        await (await alice.PostJsonAsync("/v1/categories", new { name = "Rent", group = "Home" })).ExpectAsync(HttpStatusCode.Created);
        // admin is not audit:read: reading the log itself stays with the auditors.
        await (await (await AdminAsync("noncompliant")).GetAsync("/v1/audit/verify")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // A careless migration wrote a card number in clear, and someone edited the audit trail.
        const string leaked = "5555 5555 5555 4444";
        await api.DynamoClient.PutItemAsync(new PutItemRequest
        {
            TableName = api.Tables.Ledger("noncompliant"),
            Item = new()
            {
                [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"),
                [LedgerTable.SortKey] = new AttributeValue("NOTE#1"),
                ["memo"] = new AttributeValue($"paid with {leaked}"),
            },
        });
        // A first report chains the category's audit record, so there is a record 1 to edit.
        await (await (await AdminAsync("noncompliant")).GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Tables.Audit("noncompliant"),
            Key = new()
            {
                [AuditTable.PartitionKey] = new AttributeValue("CHAIN#main"),
                [AuditTable.SortKey] = new AttributeValue("SEQ#" + 1L.ToString("D20", System.Globalization.CultureInfo.InvariantCulture)),
            },
            UpdateExpression = "SET #r = :r",
            ExpressionAttributeNames = new() { ["#r"] = "record" },
            ExpressionAttributeValues = new() { [":r"] = new AttributeValue("{\"edited\":true}") },
        });

        var report = await (await (await AdminAsync("noncompliant")).GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);

        Assert.False(report.GetProperty("compliant").GetBoolean());
        var controls = ControlsOf(report);
        Assert.Equal(ComplianceStatus.Fail, StatusOf(controls, "no-plaintext-pan"));
        Assert.Contains("NOTE item, attribute memo", controls["no-plaintext-pan"].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(ComplianceStatus.Fail, StatusOf(controls, "audit-chain"));
        Assert.Contains("record 1", controls["audit-chain"].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        // The number in any form; "5555" alone can be a data key's id minted at 05:55.
        Assert.DoesNotContain(leaked, report.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(leaked.Replace(" ", "", StringComparison.Ordinal), report.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("5555 5555", report.GetRawText(), StringComparison.Ordinal);

        var cli = await CliAsync("noncompliant");
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("NOT COMPLIANT", cli.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("5555 5555", cli.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(leaked.Replace(" ", "", StringComparison.Ordinal), cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await CliAsync("never-registered")).ExitCode);
    }
}
