using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

public sealed class TenantLifecycleTests(OperatorFixture op) : IClassFixture<OperatorFixture>
{
    private async Task<TenantRecord?> RegistryAsync(string tenant)
    {
        var response = await op.Dynamo.GetItemAsync(new GetItemRequest { TableName = op.Tables.Registry, Key = TenantRecordItem.Key(tenant), ConsistentRead = true });
        return response.IsItemSet ? TenantRecordItem.TryFromItem(response.Item) : null;
    }

    private async Task<bool> TableExistsAsync(string table)
    {
        try
        {
            return (await op.Dynamo.DescribeTableAsync(table)).Table.TableStatus == Amazon.DynamoDBv2.TableStatus.ACTIVE;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Applying_a_tenant_makes_it_ready_with_active_tables_an_owned_secret_and_a_registry_item()
    {
        await op.ApplyAsync("acme", new { displayName = "ACME Credit Union" });

        var tenant = await op.WaitForConditionAsync("acme", TenantConditionTypes.Ready, "True");

        Assert.Equal(TenantPhases.Ready, tenant["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(tenant["metadata"]!["generation"]!.GetValue<long>(), tenant["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(op.Tables.Ledger("acme"), tenant["status"]!["ledgerTable"]!.GetValue<string>());
        Assert.Contains(TenantResource.Finalizer, tenant["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.True(await TableExistsAsync(op.Tables.Ledger("acme")));
        Assert.True(await TableExistsAsync(op.Tables.Audit("acme")));

        var secret = op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, "acme-budgetbuddy");
        Assert.NotNull(secret);
        Assert.Equal(tenant["metadata"]!["uid"]!.GetValue<string>(), secret!["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
        Assert.NotNull(secret["data"]![TenantSecretLayout.SigningKeyPem]);

        var record = await RegistryAsync("acme");
        Assert.Equal(TenantStatus.Active, record!.Status);
        Assert.Equal("ACME Credit Union", record.DisplayName);
        Assert.Contains(tenant["status"]!["activeKeyId"]!.GetValue<string>(), record.SigningKeys, StringComparison.Ordinal);

        // DynamoDB Local has no point-in-time recovery: reported, and Ready regardless.
        var pitr = OperatorFixture.Condition(tenant, TenantConditionTypes.PointInTimeRecovery)!;
        Assert.Equal("False", pitr["status"]!.GetValue<string>());
        Assert.Equal(TenantReasons.Unsupported, pitr["reason"]!.GetValue<string>());
        Assert.Contains(op.Kube.Events, e => e["reason"]?.GetValue<string>() == TenantReasons.Provisioned && e["involvedObject"]?["name"]?.GetValue<string>() == "acme");
    }

    [Fact]
    public async Task A_spec_change_converges_and_advances_observed_generation()
    {
        await op.ApplyAsync("globex", new { });
        var first = await op.WaitForConditionAsync("globex", TenantConditionTypes.Ready, "True");

        await op.ApplyAsync("globex", new { suspended = true, plan = new { requestsPerMinute = 1200, burst = 10 }, storage = new { deletionProtection = true } });

        var suspended = await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "globex",
            o => o?["status"]?["phase"]?.GetValue<string>() == TenantPhases.Suspended, TimeSpan.FromSeconds(30));
        Assert.True(suspended!["status"]!["observedGeneration"]!.GetValue<long>() > first["status"]!["observedGeneration"]!.GetValue<long>());
        var record = await RegistryAsync("globex");
        Assert.Equal(TenantStatus.Suspended, record!.Status);
        Assert.Equal(new TenantPlan(1200, 10), record.Plan);
        Assert.True((await op.Dynamo.DescribeTableAsync(op.Tables.Ledger("globex"))).Table.DeletionProtectionEnabled);
    }

    [Fact]
    public async Task Deleting_with_retain_keeps_the_tables_and_with_delete_removes_them()
    {
        await op.ApplyAsync("keeper", new { deletionPolicy = "Retain" });
        await op.ApplyAsync("leaver", new { deletionPolicy = "Delete" });
        await op.WaitForConditionAsync("keeper", TenantConditionTypes.Ready, "True");
        await op.WaitForConditionAsync("leaver", TenantConditionTypes.Ready, "True");

        await op.DeleteAsync("keeper");
        await op.DeleteAsync("leaver");
        await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "keeper") is null
            && op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "leaver") is null, TimeSpan.FromSeconds(30));

        Assert.Null(await RegistryAsync("keeper"));
        Assert.Null(await RegistryAsync("leaver"));
        Assert.True(await TableExistsAsync(op.Tables.Ledger("keeper")));
        Assert.False(await TableExistsAsync(op.Tables.Ledger("leaver")));
        Assert.False(await TableExistsAsync(op.Tables.Audit("leaver")));
        Assert.Null(op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, "keeper-budgetbuddy"));
        Assert.Null(op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, "leaver-budgetbuddy"));
    }

    [Fact]
    public async Task A_table_deleted_out_of_band_is_reported_not_silently_recreated_under_retain()
    {
        await op.ApplyAsync("fragile", new { deletionPolicy = "Retain" });
        await op.WaitForConditionAsync("fragile", TenantConditionTypes.Ready, "True");

        await op.Dynamo.DeleteTableAsync(op.Tables.Audit("fragile"));

        var tenant = await op.WaitForConditionAsync("fragile", TenantConditionTypes.TablesReady, "False");
        Assert.Equal(TenantReasons.TableMissing, OperatorFixture.Condition(tenant, TenantConditionTypes.TablesReady)!["reason"]!.GetValue<string>());
        Assert.False(await TableExistsAsync(op.Tables.Audit("fragile")));
        Assert.Contains(op.Kube.Events, e => e["reason"]?.GetValue<string>() == TenantReasons.TableMissing && e["type"]?.GetValue<string>() == "Warning");
    }

    [Fact]
    public async Task A_registry_item_and_table_settings_changed_out_of_band_are_restored_by_the_periodic_resync()
    {
        await op.ApplyAsync("drifter", new { displayName = "Drifter" });
        await op.WaitForConditionAsync("drifter", TenantConditionTypes.Ready, "True");

        // Someone switches the ledger table to provisioned capacity in the console, and deletes the registry item.
        var indexes = (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger("drifter"))).Table.GlobalSecondaryIndexes.Select(i => i.IndexName);
        await op.Dynamo.UpdateTableAsync(new UpdateTableRequest
        {
            TableName = op.Tables.Ledger("drifter"),
            BillingMode = Amazon.DynamoDBv2.BillingMode.PROVISIONED,
            ProvisionedThroughput = new ProvisionedThroughput(5, 5),
            GlobalSecondaryIndexUpdates = [.. indexes.Select(index => new GlobalSecondaryIndexUpdate
            {
                Update = new UpdateGlobalSecondaryIndexAction { IndexName = index, ProvisionedThroughput = new ProvisionedThroughput(5, 5) },
            })],
        });
        await op.Dynamo.DeleteItemAsync(op.Tables.Registry, TenantRecordItem.Key("drifter"));

        // No spec change, no event: only the resync looks again, and puts both back as the spec says. The operator's
        // event is the proof it saw the drift (the table may read PAY_PER_REQUEST for a moment before the switch shows).
        await op.Kube.WaitForAsync(() => op.Kube.Events.Any(e => e["involvedObject"]?["name"]?.GetValue<string>() == "drifter"
            && e["message"]?.GetValue<string>()?.Contains("billing PAY_PER_REQUEST", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(30));
        await WaitForAsync(async () => await BillingModeAsync(op.Tables.Ledger("drifter")) == Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST ? "restored" : null);
        var record = await WaitForAsync(() => RegistryAsync("drifter"));
        Assert.Equal(TenantStatus.Active, record.Status);
        Assert.Equal("Drifter", record.DisplayName);
    }

    private async Task<Amazon.DynamoDBv2.BillingMode?> BillingModeAsync(string table) =>
        (await op.Dynamo.DescribeTableAsync(table)).Table.BillingModeSummary?.BillingMode;

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await read() is { } value)
            {
                return value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The value did not appear within 30 s.");
    }
}
