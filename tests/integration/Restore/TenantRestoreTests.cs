using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Operator;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Restore;

/// <summary>
/// <c>budgetbuddy-operator restore</c> against DynamoDB Local behind a point-in-time-recovery control plane that speaks
/// the SDK's wire protocol: the tenant comes back as it was, served from the restored tables, only when the restored
/// audit chain verifies; the tables it was restored from stay.
/// </summary>
public sealed class TenantRestoreTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private RecordingDynamoDbProxy proxy = null!;
    private PointInTimeRecovery recovery = null!;

    public async Task InitializeAsync()
    {
        proxy = await RecordingDynamoDbProxy.StartAsync(api.Dynamo.ServiceUrl);
        recovery = new PointInTimeRecovery(api.DynamoClient);
        proxy.Intercept = recovery.AnswerAsync;
    }

    public async Task DisposeAsync() => await proxy.DisposeAsync();

    private Task<BinaryRun> RestoreAsync(string tenant, DateTimeOffset to) => BinaryRun.RunAsync(
        "budgetbuddy-operator",
        ["restore", tenant, "--to", to.ToString("O", CultureInfo.InvariantCulture), "--endpoint", proxy.Url, "--table-prefix", api.TablePrefix]);

    private async Task<TenantRecord> RegistryAsync(string tenant) =>
        TenantRecordItem.TryFromItem((await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Registry, Key = TenantRecordItem.Key(tenant), ConsistentRead = true,
        })).Item)!;

    /// <summary>Chains what is pending (the compliance report does, first), so the snapshot holds a chain to verify.</summary>
    private async Task ChainAsync(string tenant)
    {
        var admin = api.Client(await api.TokenAsync(new TokenSpec(tenant, "admin") { Scopes = [Scopes.Admin] }));
        await (await admin.GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);
    }

    private Task<DateTimeOffset> SnapshotAsync(string tenant) => recovery.SnapshotAsync(api.Tables.Ledger(tenant), api.Tables.Audit(tenant));

    [Fact]
    public async Task A_tenant_restored_to_a_time_is_served_as_it_was_then_from_new_tables_and_the_old_ones_stay()
    {
        const string tenant = "restored";
        await api.ProvisionAsync(tenant);
        var ledger = new Ledger(await api.ClientAsync(tenant, "alice"));
        var account = await ledger.AccountAsync(opening: 10_000);
        var kept = (await ledger.PostAsync(new { accountId = account, date = "2026-11-02", amount = -2_500L, payee = "Grocer" })).GetProperty("id").GetString();
        await ChainAsync(tenant);
        var before = await SnapshotAsync(tenant);

        // Then the damage: a transaction deleted, another written, that the restore must undo.
        await (await ledger.Client.DeleteAsync($"/v1/transactions/{kept}")).ExpectAsync(HttpStatusCode.NoContent);
        await ledger.PostAsync(new { accountId = account, date = "2026-11-03", amount = -99_000L, payee = "Mistake" });
        Assert.Equal(10_000 - 99_000, await ledger.BalanceAsync(account));

        var run = await RestoreAsync(tenant, before);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("the restored audit chain verifies", run.Stdout, StringComparison.Ordinal);
        var record = await RegistryAsync(tenant);
        Assert.Equal(api.Tables.RestoredLedger(tenant, before), record.LedgerTable);
        Assert.Equal(api.Tables.RestoredAudit(tenant, before), record.AuditTable);
        Assert.EndsWith("-ledger", record.LedgerTable, StringComparison.Ordinal);
        Assert.Contains(recovery.Restores, r => r.Source == api.Tables.Ledger(tenant) && r.Target == record.LedgerTable);
        // The tables restored from are untouched.
        Assert.Equal(ActiveOrMissing.Active, await StatusAsync(api.Tables.Ledger(tenant)));
        // The next reconcile keeps the tenant on the restored tables and gives them the spec's settings (TTL here).
        await api.ProvisionAsync(tenant);
        Assert.Equal(record.LedgerTable, (await RegistryAsync(tenant)).LedgerTable);
        var ttl = (await api.DynamoClient.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = record.LedgerTable })).TimeToLiveDescription;
        Assert.Equal(LedgerTable.ExpiresAt, ttl.AttributeName);

        // A pod reading the registry afresh serves the tenant as it was at that time.
        await using var fresh = await ApiProcess.StartAsync(api, "after-restore", new Dictionary<string, string>());
        var served = new Ledger(fresh.Client(await api.TokenAsync(tenant, "alice")));
        Assert.Equal(10_000 - 2_500, await served.BalanceAsync(account));
        Assert.Equal([kept], (await served.ListAllAsync($"accountId={account}")).Select(t => t.GetProperty("id").GetString()));
        var auditor = fresh.Client(await api.TokenAsync(new TokenSpec(tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        var verified = await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
    }

    [Fact]
    public async Task A_restore_whose_audit_chain_does_not_verify_leaves_the_registry_as_it_was()
    {
        const string tenant = "unverified";
        await api.ProvisionAsync(tenant);
        var alice = await api.ClientAsync(tenant, "alice");
        await (await alice.PostJsonAsync("/v1/categories", new { name = "Rent", group = "Home" })).ExpectAsync(HttpStatusCode.Created);
        await ChainAsync(tenant);
        // Someone edited the audit trail before the point restored to.
        var key = new Dictionary<string, AttributeValue>
        {
            [AuditTable.PartitionKey] = new AttributeValue("CHAIN#main"),
            [AuditTable.SortKey] = new AttributeValue("SEQ#" + 1.ToString("D20", CultureInfo.InvariantCulture)),
        };
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Audit(tenant), Key = key, ConsistentRead = true })).Item;
        item["record"] = new AttributeValue(item["record"].S.Replace("\"actor\":\"psn_", "\"actor\":\"someone_", StringComparison.Ordinal));
        await api.DynamoClient.PutItemAsync(new PutItemRequest { TableName = api.Tables.Audit(tenant), Item = item });
        var tampered = await SnapshotAsync(tenant);
        var served = await RegistryAsync(tenant);

        var run = await RestoreAsync(tenant, tampered);

        Assert.True(run.ExitCode == 1, run.Stderr + run.Stdout);
        Assert.Contains("does not verify", run.Stdout, StringComparison.Ordinal);
        var after = await RegistryAsync(tenant);
        Assert.Equal(served.LedgerTable, after.LedgerTable);
        Assert.Equal(served.AuditTable, after.AuditTable);
        // The restored tables stay for inspection.
        Assert.Equal(ActiveOrMissing.Active, await StatusAsync(api.Tables.RestoredAudit(tenant, tampered)));

        var outside = await RestoreAsync(tenant, tampered.AddDays(-30));
        Assert.True(outside.ExitCode == 2, outside.Stderr + outside.Stdout);
        Assert.Contains("InvalidRestoreTime", outside.Stderr, StringComparison.Ordinal);
    }

    private enum ActiveOrMissing { Active, Missing }

    private async Task<ActiveOrMissing> StatusAsync(string table)
    {
        try
        {
            await api.DynamoClient.DescribeTableAsync(table);
            return ActiveOrMissing.Active;
        }
        catch (ResourceNotFoundException)
        {
            return ActiveOrMissing.Missing;
        }
    }
}
