using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// A tenant id is global, a BudgetBuddyTenant is namespaced: exactly one resource owns an id, and another resource of
/// the same name (another namespace here; another cluster in <see cref="TenantOwnershipAcrossClustersTests"/>)
/// changes nothing of it, not even when it is deleted with deletionPolicy Delete.
/// </summary>
public sealed class TenantOwnershipTests(OperatorFixture op) : IClassFixture<OperatorFixture>
{
    private const string Other = "team-b";

    [Fact]
    public async Task A_second_namespace_claiming_an_owned_tenant_id_changes_nothing_and_its_deletion_leaves_the_owner_intact()
    {
        const string id = "owned-a";
        await op.ApplyAsync(id, new { displayName = "First" });
        var owner = await op.WaitForConditionAsync(id, TenantConditionTypes.Ready, "True");
        var before = await RegistryItemAsync(id);

        await op.ApplyAsync(Other, id, new { displayName = "Intruder", deletionPolicy = "Delete" });
        var intruder = await op.WaitForConditionAsync(Other, id, TenantConditionTypes.Ready, "False", TenantReasons.TenantIdConflict);

        var message = OperatorFixture.Condition(intruder, TenantConditionTypes.Ready)!["message"]!.GetValue<string>();
        Assert.Contains($"{OperatorFixture.Namespace}/{id}", message, StringComparison.Ordinal);
        Assert.Contains(Uid(owner), message, StringComparison.Ordinal);
        // Another resync or two: still one warning, and still nothing written.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(ConflictEvents(Other, id));
        Assert.Null(op.Kube.Get(ApiResources.Secrets, Other, TenantSecretLayout.SecretName(id)));
        AssertSameItem(before, await RegistryItemAsync(id));

        await op.DeleteAsync(Other, id);
        await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.BudgetBuddyTenants, Other, id) is null, TimeSpan.FromSeconds(30));

        AssertSameItem(before, await RegistryItemAsync(id));
        Assert.True(await TableExistsAsync(op.Tables.Ledger(id)));
        Assert.True(await TableExistsAsync(op.Tables.Audit(id)));
        Assert.NotNull(op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, TenantSecretLayout.SecretName(id)));
        Assert.Equal("True", OperatorFixture.Condition(op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id), TenantConditionTypes.Ready)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_the_owner_is_deleted_the_waiting_resource_claims_the_id_with_new_keys()
    {
        const string id = "owned-b";
        await op.ApplyAsync(id, new { deletionPolicy = "Delete" });
        var first = await op.WaitForConditionAsync(id, TenantConditionTypes.Ready, "True");
        await op.ApplyAsync(Other, id, new { displayName = "Waiting" });
        await op.WaitForConditionAsync(Other, id, TenantConditionTypes.Ready, "False", TenantReasons.TenantIdConflict);

        await op.DeleteAsync(OperatorFixture.Namespace, id);

        var second = await op.WaitForConditionAsync(Other, id, TenantConditionTypes.Ready, "True", null, TimeSpan.FromSeconds(60));
        Assert.NotEqual(first["status"]!["activeKeyId"]!.GetValue<string>(), second["status"]!["activeKeyId"]!.GetValue<string>());
        var item = await RegistryItemAsync(id);
        Assert.Equal(Other, TenantRecordItem.OwnerOf(item)!.Namespace);
        Assert.Equal(Uid(second), TenantRecordItem.OwnerOf(item)!.Uid);
        Assert.Equal("Waiting", TenantRecordItem.TryFromItem(item)!.DisplayName);
    }

    [Fact]
    public async Task Retained_tables_are_taken_over_only_by_an_adopt_annotation_that_names_their_owner()
    {
        const string id = "owned-c";
        await op.ApplyAsync(id, new { deletionPolicy = "Retain" });
        var owner = await op.WaitForConditionAsync(id, TenantConditionTypes.Ready, "True");
        var created = (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger(id))).Table.CreationDateTime;
        await op.DeleteAsync(OperatorFixture.Namespace, id);
        await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id) is null, TimeSpan.FromSeconds(30));

        // Not served any more, and still owned by the deleted resource for its retained tables.
        var retained = await RegistryItemAsync(id);
        Assert.Null(TenantRecordItem.TryFromItem(retained));
        Assert.Equal(Uid(owner), TenantRecordItem.OwnerOf(retained)!.Uid);

        await op.ApplyAsync(Other, id, new { });
        var waiting = await op.WaitForConditionAsync(Other, id, TenantConditionTypes.Ready, "False", TenantReasons.TenantIdConflict);
        Assert.Contains("Retain", OperatorFixture.Condition(waiting, TenantConditionTypes.Ready)!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await op.ApplyAsync(Other, id, new { }, new Dictionary<string, string> { [TenantAnnotations.Adopt] = Guid.NewGuid().ToString() });
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(TenantReasons.TenantIdConflict, ReadyReason(Other, id));

        await op.ApplyAsync(Other, id, new { }, new Dictionary<string, string> { [TenantAnnotations.Adopt] = Uid(owner) });
        var adopted = await op.WaitForConditionAsync(Other, id, TenantConditionTypes.Ready, "True", null, TimeSpan.FromSeconds(60));

        Assert.Equal(created, (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger(id))).Table.CreationDateTime);
        Assert.Equal(Uid(adopted), TenantRecordItem.OwnerOf(await RegistryItemAsync(id))!.Uid);
        Assert.Contains(op.Kube.Events, e => e["reason"]?.GetValue<string>() == TenantReasons.TakenOver
            && e["involvedObject"]?["namespace"]?.GetValue<string>() == Other && e["type"]?.GetValue<string>() == "Warning");
    }

    [Fact]
    public async Task A_retained_tenant_recreated_in_its_own_namespace_serves_its_tables_again()
    {
        const string id = "owned-d";
        await op.ApplyAsync(id, new { deletionPolicy = "Retain" });
        await op.WaitForConditionAsync(id, TenantConditionTypes.Ready, "True");
        var created = (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger(id))).Table.CreationDateTime;
        await op.DeleteAsync(OperatorFixture.Namespace, id);
        await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id) is null, TimeSpan.FromSeconds(30));

        await op.ApplyAsync(id, new { deletionPolicy = "Retain" });
        var again = await op.WaitForConditionAsync(id, TenantConditionTypes.Ready, "True");

        Assert.Equal(created, (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger(id))).Table.CreationDateTime);
        var item = await RegistryItemAsync(id);
        Assert.Equal(TenantStatus.Active, TenantRecordItem.TryFromItem(item)!.Status);
        Assert.Equal(Uid(again), TenantRecordItem.OwnerOf(item)!.Uid);
    }

    private IEnumerable<JsonObject> ConflictEvents(string ns, string name) => op.Kube.Events.Where(e =>
        e["reason"]?.GetValue<string>() == TenantReasons.TenantIdConflict && e["type"]?.GetValue<string>() == "Warning"
        && e["involvedObject"]?["namespace"]?.GetValue<string>() == ns && e["involvedObject"]?["name"]?.GetValue<string>() == name);

    private string? ReadyReason(string ns, string name) =>
        OperatorFixture.Condition(op.Kube.Get(ApiResources.BudgetBuddyTenants, ns, name), TenantConditionTypes.Ready)?["reason"]?.GetValue<string>();

    private async Task<Dictionary<string, AttributeValue>> RegistryItemAsync(string id) =>
        (await op.Dynamo.GetItemAsync(new GetItemRequest { TableName = op.Tables.Registry, Key = TenantRecordItem.Key(id), ConsistentRead = true })).Item;

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

    private static void AssertSameItem(Dictionary<string, AttributeValue> expected, Dictionary<string, AttributeValue> actual)
    {
        var before = TenantRecordItem.TryFromItem(expected)!;
        var after = TenantRecordItem.TryFromItem(actual)!;
        Assert.Equal(before, after);
        Assert.Equal(TenantRecordItem.OwnerOf(expected), TenantRecordItem.OwnerOf(actual));
    }

    private static string Uid(JsonObject obj) => obj["metadata"]!["uid"]!.GetValue<string>();
}
