using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.IntegrationTests.Retention;

/// <summary><c>budgetbuddy-operator retention apply</c>: items written before a policy change get the stamps the API would give them now.</summary>
public sealed class RetentionApplyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Tenant = "restamped";
    private static readonly RetentionPolicy Before = new(TransactionsYears: 10, AuditYears: 3, ClosedAccountsYears: 2);
    private static readonly RetentionPolicy After = new(TransactionsYears: 5, AuditYears: 2, ClosedAccountsYears: 1);

    private async Task ProvisionAsync(RetentionPolicy policy)
    {
        var report = await api.Provisioner.ProvisionUntilReadyAsync(new TenantRequest(Tenant, Retention: policy), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(report.Ready, string.Join("; ", report.WaitingFor));
    }

    private Task<BinaryRun> ApplyAsync() => BinaryRun.RunAsync(
        "budgetbuddy-operator", ["retention", "apply", Tenant, "--endpoint", api.Dynamo.ServiceUrl, "--table-prefix", api.TablePrefix]);

    private async Task<Dictionary<string, AttributeValue>> LedgerItemAsync(string sortKey) =>
        (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger(Tenant),
            Key = LedgerItemKey(sortKey),
            ConsistentRead = true,
        })).Item;

    private async Task<List<Dictionary<string, AttributeValue>>> ChainAsync() =>
        (await api.DynamoClient.QueryAsync(AuditItems.ChainQuery(api.Tables.Audit(Tenant)))).Items;

    private static long? StampOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(LedgerTable.ExpiresAt, out var value) ? long.Parse(value.N, CultureInfo.InvariantCulture) : null;

    private async Task RemoveAsync(string table, Dictionary<string, AttributeValue> key, string attribute) =>
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = key,
            UpdateExpression = "REMOVE #a",
            ExpressionAttributeNames = new() { ["#a"] = attribute },
        });

    [Fact]
    public async Task Items_stamped_under_an_old_policy_or_none_are_restamped_under_the_new_one_and_the_chain_still_verifies()
    {
        await ProvisionAsync(Before);
        var ledger = new Ledger(await api.ClientAsync(Tenant, "alice"));
        var account = await ledger.AccountAsync();
        var transaction = (await ledger.PostAsync(new { accountId = account, date = "2026-05-04", amount = -1250 })).GetProperty("id").GetString()!;
        await ledger.CategoryAsync();
        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{account}", new { closed = true })).ExpectAsync(HttpStatusCode.OK);
        var auditor = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);

        // What the API stamped is what the pass would: it changes nothing.
        var unchanged = await ApplyAsync();
        Assert.True(unchanged.ExitCode == 0, unchanged.Stderr + unchanged.Stdout);
        Assert.Contains("restamped 0 transactions, 0 closed accounts and 0 audit records", unchanged.Stdout, StringComparison.Ordinal);

        // Items from before retention existed carry no stamp; then the policy shortens.
        await RemoveAsync(api.Tables.Ledger(Tenant), LedgerItemKey($"TXN#{transaction}"), LedgerTable.ExpiresAt);
        await RemoveAsync(api.Tables.Ledger(Tenant), LedgerItemKey($"ACCOUNT#{account}"), LedgerTable.ExpiresAt);
        foreach (var record in await ChainAsync())
        {
            await RemoveAsync(api.Tables.Audit(Tenant), new() { [AuditTable.PartitionKey] = record[AuditTable.PartitionKey], [AuditTable.SortKey] = record[AuditTable.SortKey] }, AuditTable.ExpiresAt);
        }
        await RemoveAsync(api.Tables.Audit(Tenant), AuditItems.HeadKey(), AuditItems.ExpiresAtFloor);
        await ProvisionAsync(After);

        var applied = await ApplyAsync();

        Assert.True(applied.ExitCode == 0, applied.Stderr + applied.Stdout);
        var chain = await ChainAsync();
        Assert.Contains($"restamped 1 transactions, 1 closed accounts and {chain.Count} audit records", applied.Stdout, StringComparison.Ordinal);
        Assert.Equal(After.TransactionExpiresAt(new DateOnly(2026, 5, 4), DateTimeOffset.UtcNow), StampOf(await LedgerItemAsync($"TXN#{transaction}")));
        var closed = await LedgerItemAsync($"ACCOUNT#{account}");
        Assert.Equal(After.ClosedAccountExpiresAt(DateTimeOffset.Parse(closed["closedAt"].S, CultureInfo.InvariantCulture)), StampOf(closed));
        Assert.Equal(chain.Select(r => (long?)After.AuditExpiresAt(AuditRecord.FromJson(r[AuditItems.Record].S).Time)), chain.Select(StampOf));
        var head = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Audit(Tenant), Key = AuditItems.HeadKey(), ConsistentRead = true })).Item;
        Assert.Equal(StampOf(chain[^1]), long.Parse(head[AuditItems.ExpiresAtFloor].N, CultureInfo.InvariantCulture));
        var verified = await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
    }

    private static Dictionary<string, AttributeValue> LedgerItemKey(string sortKey) => new()
    {
        [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"),
        [LedgerTable.SortKey] = new AttributeValue(sortKey),
    };
}
