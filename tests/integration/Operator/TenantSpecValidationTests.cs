using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// The fake API server has no CRD schema, like a cluster whose CRD is missing or older than the operator (or an
/// object written with validation off): whatever a spec holds reaches the operator, which must refuse it itself.
/// </summary>
public sealed class TenantSpecValidationTests(OperatorFixture op, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<OperatorFixture>
{
    /// <summary>Long enough for the fixture's 2 s resync to come round at least once.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_zero_rotation_period_is_refused_with_no_secret_tables_or_registry_item_and_no_status_loop()
    {
        await op.ApplyAsync("rotor", new { signingKey = new { rotationDays = 0 } });

        var tenant = await WaitForInvalidSpecAsync("rotor");

        Assert.Contains("spec.signingKey.rotationDays: must be at least 1 (is 0)", Message(tenant), StringComparison.Ordinal);
        Assert.Equal(TenantPhases.Failed, tenant["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(tenant["metadata"]!["generation"]!.GetValue<long>(), tenant["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Contains(op.Kube.Events, e => IsAbout(e, "rotor") && e["type"]?.GetValue<string>() == "Warning"
            && e["reason"]?.GetValue<string>() == TenantReasons.InvalidSpec
            && e["message"]!.GetValue<string>().Contains("spec.signingKey.rotationDays", StringComparison.Ordinal));
        await AssertNothingExternalAsync("rotor");

        var (statusWrites, reads, secretRequests) = await CountDuringQuietAsync("rotor");
        Assert.Equal(0, statusWrites);
        Assert.Equal(0, secretRequests);
        // Resyncs every 2 s read it again; a loop would read it hundreds of times.
        Assert.InRange(reads, 1, 4);
    }

    [Fact]
    public async Task Negative_and_zero_plan_limits_are_refused_field_by_field()
    {
        await op.ApplyAsync("limits", new { plan = new { requestsPerMinute = -5, burst = 0 } });

        var message = Message(await WaitForInvalidSpecAsync("limits"));

        Assert.Contains("spec.plan.requestsPerMinute: must be at least 1 (is -5)", message, StringComparison.Ordinal);
        Assert.Contains("spec.plan.burst: must be at least 1 (is 0)", message, StringComparison.Ordinal);
        await AssertNothingExternalAsync("limits");
    }

    [Fact]
    public async Task An_unknown_deletion_policy_is_refused_and_fixing_it_provisions_the_tenant()
    {
        await op.ApplyAsync("destroyer", new { deletionPolicy = "Destroy" });

        var message = Message(await WaitForInvalidSpecAsync("destroyer"));
        Assert.Contains("spec.deletionPolicy: must be one of Retain, Delete (is \"Destroy\")", message, StringComparison.Ordinal);
        await AssertNothingExternalAsync("destroyer");

        await op.ApplyAsync("destroyer", new { deletionPolicy = "Delete" });

        var ready = await op.WaitForConditionAsync("destroyer", TenantConditionTypes.Ready, "True");
        Assert.Equal(TenantReasons.Provisioned, OperatorFixture.Condition(ready, TenantConditionTypes.Ready)!["reason"]!.GetValue<string>());
        Assert.NotNull(await RegistryAsync("destroyer"));
    }

    [Fact]
    public async Task Provisioned_billing_without_capacities_is_refused()
    {
        await op.ApplyAsync("capless", new { storage = new { billingMode = "PROVISIONED", readCapacity = 5 } });

        var message = Message(await WaitForInvalidSpecAsync("capless"));

        Assert.Contains("spec.storage: PROVISIONED billing needs readCapacity and writeCapacity", message, StringComparison.Ordinal);
        await AssertNothingExternalAsync("capless");
    }

    [Fact]
    public async Task A_spec_the_operator_cannot_read_gets_a_warning_and_invalid_spec_status()
    {
        await op.ApplyAsync("wordy", new { plan = new { requestsPerMinute = "fast" } });

        var tenant = await WaitForInvalidSpecAsync("wordy");

        Assert.Contains("cannot read", Message(tenant), StringComparison.Ordinal);
        Assert.Contains("spec.plan.requestsPerMinute: must be an integer (is the string \"fast\")", Message(tenant), StringComparison.Ordinal);
        var warning = Assert.Single(op.Kube.Events, e => IsAbout(e, "wordy") && e["reason"]?.GetValue<string>() == TenantReasons.InvalidSpec);
        Assert.Equal("Warning", warning["type"]!.GetValue<string>());
        Assert.Equal(tenant["metadata"]!["uid"]!.GetValue<string>(), warning["involvedObject"]!["uid"]!.GetValue<string>());
        Assert.Contains("cannot read", warning["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingExternalAsync("wordy");

        var (statusWrites, _, _) = await CountDuringQuietAsync("wordy");
        Assert.Equal(0, statusWrites);
    }

    [Fact]
    public async Task A_ready_tenant_whose_spec_turns_invalid_keeps_its_key_and_is_left_alone()
    {
        await op.ApplyAsync("turncoat", new { });
        var ready = await op.WaitForConditionAsync("turncoat", TenantConditionTypes.Ready, "True");
        var secretVersion = op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, "turncoat-budgetbuddy")!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var keys = (await RegistryAsync("turncoat"))!.SigningKeys;

        await op.ApplyAsync("turncoat", new { signingKey = new { rotationDays = 0 } });
        await WaitForInvalidSpecAsync("turncoat");
        var (statusWrites, _, _) = await CountDuringQuietAsync("turncoat");

        Assert.Equal(0, statusWrites);
        Assert.Equal(secretVersion, op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, "turncoat-budgetbuddy")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(keys, (await RegistryAsync("turncoat"))!.SigningKeys);
        Assert.Equal(ready["status"]!["activeKeyId"]!.GetValue<string>(), op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "turncoat")!["status"]!["activeKeyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tenant_deleted_with_an_unknown_deletion_policy_keeps_everything_until_the_policy_is_fixed()
    {
        await op.ApplyAsync("ambiguous", new { deletionPolicy = "Delete" });
        await op.WaitForConditionAsync("ambiguous", TenantConditionTypes.Ready, "True");
        await op.ApplyAsync("ambiguous", new { deletionPolicy = "Destroy" });
        await WaitForInvalidSpecAsync("ambiguous");

        await op.DeleteAsync("ambiguous");

        var waiting = await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "ambiguous",
            o => OperatorFixture.Condition(o, TenantConditionTypes.Ready)?["message"]?.GetValue<string>().Contains("not deleted until it is fixed", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30));
        Assert.Contains("spec.deletionPolicy", Message(waiting!), StringComparison.Ordinal);
        Assert.NotNull(await RegistryAsync("ambiguous"));
        Assert.True(await TableExistsAsync(op.Tables.Ledger("ambiguous")));

        await op.ApplyAsync("ambiguous", new { deletionPolicy = "Retain" });

        await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "ambiguous") is null, TimeSpan.FromSeconds(30));
        Assert.Null(await RegistryAsync("ambiguous"));
        Assert.True(await TableExistsAsync(op.Tables.Ledger("ambiguous")));
    }

    [Fact]
    public async Task A_ready_tenant_costs_no_status_writes_between_resyncs()
    {
        await op.ApplyAsync("steady", new { });
        await op.WaitForConditionAsync("steady", TenantConditionTypes.Ready, "True");
        // The last provisioning writes (a PITR capability report, say) may still be landing.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var (statusWrites, reads, _) = await CountDuringQuietAsync("steady");

        Assert.Equal(0, statusWrites);
        Assert.InRange(reads, 1, 4);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> WaitForInvalidSpecAsync(string name) =>
        (await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, name,
            o => OperatorFixture.Condition(o, TenantConditionTypes.Ready)?["reason"]?.GetValue<string>() == TenantReasons.InvalidSpec,
            TimeSpan.FromSeconds(30)))!;

    private static string Message(System.Text.Json.Nodes.JsonObject tenant) =>
        OperatorFixture.Condition(tenant, TenantConditionTypes.Ready)!["message"]!.GetValue<string>();

    private static bool IsAbout(System.Text.Json.Nodes.JsonObject e, string name) =>
        e["involvedObject"]?["name"]?.GetValue<string>() == name;

    /// <summary>Requests about the tenant during a quiet spell: status writes, reads of the tenant, and its Secret.</summary>
    private async Task<(int StatusWrites, int Reads, int SecretRequests)> CountDuringQuietAsync(string name)
    {
        var before = op.Kube.Requests.Count;
        await Task.Delay(Quiet);
        var during = op.Kube.Requests.Skip(before).ToList();
        var path = $"/{TenantResource.Plural}/{name}";
        output.WriteLine($"{name}, {Quiet.TotalSeconds} s quiet: {string.Join(", ", during.Where(r => !r.IsWatch).Select(r => $"{r.Method} {r.Path}"))}");
        return (
            during.Count(r => r.Method is "PUT" or "PATCH" && r.Path.EndsWith($"{path}/status", StringComparison.Ordinal)),
            during.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith(path, StringComparison.Ordinal)),
            during.Count(r => r.Path.Contains($"/secrets/{name}-budgetbuddy", StringComparison.Ordinal)));
    }

    private async Task AssertNothingExternalAsync(string name)
    {
        Assert.Null(op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, $"{name}-budgetbuddy"));
        Assert.Null(await RegistryAsync(name));
        Assert.False(await TableExistsAsync(op.Tables.Ledger(name)));
        Assert.False(await TableExistsAsync(op.Tables.Audit(name)));
        // No finalizer either: an invalid tenant that was never provisioned deletes at once.
        Assert.Null(op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, name)!["metadata"]!["finalizers"]);
    }

    private async Task<TenantRecord?> RegistryAsync(string tenant)
    {
        try
        {
            var response = await op.Dynamo.GetItemAsync(new GetItemRequest { TableName = op.Tables.Registry, Key = TenantRecordItem.Key(tenant), ConsistentRead = true });
            return response.IsItemSet ? TenantRecordItem.TryFromItem(response.Item) : null;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
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
