using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>spec.retention, applied through the Kubernetes API, reaches the registry the API reads it from.</summary>
public sealed class TenantRetentionTests(OperatorFixture op) : IClassFixture<OperatorFixture>
{
    private async Task<TenantRecord> RegistryAsync(string tenant) =>
        await TenantRecordItem.ReadAsync(op.Dynamo, op.Tables.Registry, tenant, CancellationToken.None)
        ?? throw new InvalidOperationException($"tenant {tenant} is not registered");

    [Fact]
    public async Task The_spec_retention_is_published_in_the_registry_and_a_change_reaches_it()
    {
        await op.ApplyAsync("archivist", new { retention = new { transactionsYears = 10, auditYears = 3, closedAccountsYears = 2 } });
        var first = await op.WaitForConditionAsync("archivist", TenantConditionTypes.Ready, "True");

        Assert.Equal(new RetentionPolicy(10, 3, 2), (await RegistryAsync("archivist")).Retention);
        foreach (var table in new[] { op.Tables.Ledger("archivist"), op.Tables.Audit("archivist") })
        {
            var ttl = (await op.Dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table })).TimeToLiveDescription;
            Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
            Assert.Equal("expiresAt", ttl.AttributeName);
        }

        await op.ApplyAsync("archivist", new { retention = new { transactionsYears = 12, auditYears = 3, closedAccountsYears = 2 } });
        await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "archivist",
            o => o?["status"]?["observedGeneration"]?.GetValue<long>() > first["status"]!["observedGeneration"]!.GetValue<long>(), TimeSpan.FromSeconds(30));
        Assert.Equal(new RetentionPolicy(12, 3, 2), (await RegistryAsync("archivist")).Retention);
    }

    [Fact]
    public async Task A_tenant_without_retention_gets_seven_years_of_each()
    {
        await op.ApplyAsync("defaulted", new { });
        await op.WaitForConditionAsync("defaulted", TenantConditionTypes.Ready, "True");

        Assert.Equal(new RetentionPolicy(7, 7, 7), (await RegistryAsync("defaulted")).Retention);
    }

    [Fact]
    public async Task A_retention_outside_1_to_100_years_is_refused_and_the_registry_keeps_the_policy_it_had()
    {
        await op.ApplyAsync("careful", new { retention = new { auditYears = 5 } });
        await op.WaitForConditionAsync("careful", TenantConditionTypes.Ready, "True");

        await op.ApplyAsync("careful", new { retention = new { auditYears = 0, transactionsYears = 101 } });
        var refused = await op.WaitForConditionAsync(OperatorFixture.Namespace, "careful", TenantConditionTypes.Ready, "False", TenantReasons.InvalidSpec);

        var message = OperatorFixture.Condition(refused, TenantConditionTypes.Ready)!["message"]!.GetValue<string>();
        Assert.Contains("spec.retention.auditYears: must be at least 1 (is 0)", message, StringComparison.Ordinal);
        Assert.Contains("spec.retention.transactionsYears: must be at most 100 (is 101)", message, StringComparison.Ordinal);
        Assert.Equal(new RetentionPolicy(7, 5, 7), (await RegistryAsync("careful")).Retention);
    }
}
