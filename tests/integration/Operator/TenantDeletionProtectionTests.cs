using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>Deleting a tenant whose tables have deletion protection on, with deletionPolicy Delete.</summary>
public sealed class TenantDeletionProtectionTests(OperatorFixture op) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task A_delete_that_waits_on_deletion_protection_finishes_once_the_spec_turns_it_off()
    {
        await op.ApplyAsync("vault", new { deletionPolicy = "Delete", storage = new { deletionProtection = true } });
        await op.WaitForConditionAsync("vault", TenantConditionTypes.Ready, "True");
        Assert.True((await op.Dynamo.DescribeTableAsync(op.Tables.Ledger("vault"))).Table.DeletionProtectionEnabled);

        await op.DeleteAsync("vault");

        // It waits, and says what to do.
        await op.Kube.WaitForAsync(() => op.Kube.Events.Any(e => e["involvedObject"]?["name"]?.GetValue<string>() == "vault"
            && e["type"]?.GetValue<string>() == "Warning"
            && e["message"]?.GetValue<string>()?.Contains("set storage.deletionProtection to false", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(30));
        Assert.NotNull(op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "vault"));
        Assert.True(await TableExistsAsync(op.Tables.Ledger("vault")));

        // Doing what it says while it waits.
        await op.ApplyAsync("vault", new { storage = new { deletionProtection = false } });

        await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "vault") is null, TimeSpan.FromSeconds(30));
        Assert.False(await TableExistsAsync(op.Tables.Ledger("vault")));
        Assert.False(await TableExistsAsync(op.Tables.Audit("vault")));
        Assert.Contains(op.Kube.Events, e => e["involvedObject"]?["name"]?.GetValue<string>() == "vault"
            && e["message"]?.GetValue<string>() == $"{op.Tables.Ledger("vault")}: deletion protection off");
    }

    private async Task<bool> TableExistsAsync(string table)
    {
        try
        {
            await op.Dynamo.DescribeTableAsync(table);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }
}
