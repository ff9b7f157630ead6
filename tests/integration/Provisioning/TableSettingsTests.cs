using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Provisioning;

/// <summary>The storage settings of a tenant's spec reach its tables, and change with the spec.</summary>
public sealed class TableSettingsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<ProvisioningReport> ProvisionAsync(string tenant, TableSettings storage)
    {
        var report = await api.Provisioner.ProvisionUntilReadyAsync(new TenantRequest(tenant, Storage: storage), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(report.Ready, string.Join("; ", report.WaitingFor));
        return report;
    }

    [Fact]
    public async Task Billing_capacity_and_deletion_protection_follow_the_spec_both_ways()
    {
        await ProvisionAsync("billing", new TableSettings { BillingMode = TableSettings.Provisioned, ReadCapacity = 5, WriteCapacity = 7, DeletionProtection = true });
        var table = (await api.DynamoClient.DescribeTableAsync(api.Tables.Ledger("billing"))).Table;
        Assert.Equal(5, table.ProvisionedThroughput.ReadCapacityUnits);
        Assert.Equal(7, table.ProvisionedThroughput.WriteCapacityUnits);
        Assert.True(table.DeletionProtectionEnabled);

        var changed = await ProvisionAsync("billing", new TableSettings { BillingMode = TableSettings.PayPerRequest, DeletionProtection = false });
        Assert.Contains(changed.Changes, c => c.Resource == api.Tables.Ledger("billing") && c.Action.Contains("PAY_PER_REQUEST", StringComparison.Ordinal));
        table = (await api.DynamoClient.DescribeTableAsync(api.Tables.Ledger("billing"))).Table;
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary.BillingMode);
        Assert.False(table.DeletionProtectionEnabled);

        var again = await ProvisionAsync("billing", new TableSettings { BillingMode = TableSettings.PayPerRequest, DeletionProtection = false });
        Assert.Empty(again.Changes);
    }

    [Fact]
    public async Task Point_in_time_recovery_and_tags_are_reported_unsupported_by_dynamodb_local_without_failing()
    {
        var report = await ProvisionAsync("gaps", new TableSettings { PointInTimeRecovery = true, Tags = new Dictionary<string, string> { ["cost-center"] = "42" } });

        Assert.Equal(CapabilityStatus.Unsupported, report.Capabilities[TableCapabilities.PointInTimeRecovery].Status);
        Assert.Equal(CapabilityStatus.Unsupported, report.Capabilities[TableCapabilities.Tags].Status);
        Assert.NotNull(report.SigningKeyId);
    }

    [Fact]
    public async Task Deprovisioning_unregisters_first_and_deletes_tables_only_when_asked()
    {
        await ProvisionAsync("leaving", TableSettings.Default);
        await ProvisionAsync("closing", TableSettings.Default);

        var retained = await api.Provisioner.DeprovisionAsync("leaving", deleteTables: false, CancellationToken.None);
        Assert.Contains(retained.Changes, c => c.Action.Contains("unregistered", StringComparison.Ordinal));
        // No longer served; the claim stays for the retained tables.
        var leaving = (await api.DynamoClient.GetItemAsync(api.Tables.Registry, TenantRecordItem.Key("leaving"))).Item;
        Assert.Null(TenantRecordItem.TryFromItem(leaving));
        Assert.Equal(TenantOwner.Local("leaving"), TenantRecordItem.OwnerOf(leaving));
        Assert.NotNull((await api.DynamoClient.DescribeTableAsync(api.Tables.Ledger("leaving"))).Table);

        var deleted = await api.Provisioner.DeprovisionAsync("closing", deleteTables: true, CancellationToken.None);
        Assert.Contains(deleted.Changes, c => c.Resource == api.Tables.Ledger("closing") && c.Action == "deleted");
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => api.DynamoClient.DescribeTableAsync(api.Tables.Ledger("closing")));
        Assert.False((await api.DynamoClient.GetItemAsync(api.Tables.Registry, TenantRecordItem.Key("closing"))).IsItemSet);

        var twice = await api.Provisioner.DeprovisionAsync("closing", deleteTables: true, CancellationToken.None);
        Assert.Empty(twice.Changes);
    }

    [Fact]
    public async Task Tables_with_deletion_protection_are_not_deleted()
    {
        await ProvisionAsync("guarded", new TableSettings { DeletionProtection = true });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => api.Provisioner.DeprovisionAsync("guarded", deleteTables: true, CancellationToken.None));
        Assert.Contains("deletion protection", error.Message, StringComparison.Ordinal);
        Assert.NotNull((await api.DynamoClient.DescribeTableAsync(api.Tables.Ledger("guarded"))).Table);
    }
}
