using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;
using k8s;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// Two clusters (blue/green, or a DR cluster), each with its own API server and operator process, share one DynamoDB
/// account and table prefix: the tenant id belongs to the cluster that claimed it first, and the other cluster's
/// resource of the same name neither overwrites nor deletes anything of it.
/// </summary>
public sealed class TenantOwnershipAcrossClustersTests(TenantOwnershipAcrossClustersTests.TwoClusters clusters)
    : IClassFixture<TenantOwnershipAcrossClustersTests.TwoClusters>
{
    /// <summary>The fixture's API server is cluster A; <see cref="B"/> is a second one. No operator in-process.</summary>
    public sealed class TwoClusters : OperatorFixture
    {
        public FakeKubernetesApi B { get; private set; } = null!;

        protected override bool StartsOperator => false;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            B = await FakeKubernetesApi.StartAsync();
        }

        public override async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_tenant_id_claimed_in_one_cluster_is_neither_overwritten_nor_deleted_from_another()
    {
        const string id = "shared-x";
        var lease = $"clusters-{Guid.NewGuid():N}"[..20];
        await using var a = OperatorProcess.Start(clusters, "operator-a", TimeSpan.FromSeconds(15), lease, kubernetesUrl: clusters.Kube.BaseUrl, clusterName: "cluster-a");
        await using var b = OperatorProcess.Start(clusters, "operator-b", TimeSpan.FromSeconds(15), lease, kubernetesUrl: clusters.B.BaseUrl, clusterName: "cluster-b");
        await a.WaitUntilServingAsync(Startup);
        await b.WaitUntilServingAsync(Startup);

        await Create(clusters.Kube, id, new { displayName = "Cluster A's" });
        await clusters.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id, o => ReadyReason(o) == TenantReasons.Provisioned, Startup);
        var before = await RegistryItemAsync(id);
        var created = (await clusters.Dynamo.DescribeTableAsync(clusters.Tables.Ledger(id))).Table.CreationDateTime;

        await Create(clusters.B, id, new { displayName = "Cluster B's", deletionPolicy = "Delete" });
        var refused = await clusters.B.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id, o => ReadyReason(o) == TenantReasons.TenantIdConflict, Startup);
        Assert.Contains("cluster-a/", Message(refused), StringComparison.Ordinal);
        Assert.Contains(clusters.B.Events, e => e["reason"]?.GetValue<string>() == TenantReasons.TenantIdConflict && e["type"]?.GetValue<string>() == "Warning");
        Assert.Null(clusters.B.Get(ApiResources.Secrets, OperatorFixture.Namespace, TenantSecretLayout.SecretName(id)));

        await clusters.B.CreateClient().CustomObjects.DeleteNamespacedCustomObjectAsync(TenantResource.Group, TenantResource.Version, OperatorFixture.Namespace, TenantResource.Plural, id);
        await clusters.B.WaitForAsync(() => clusters.B.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id) is null, Startup);

        var after = await RegistryItemAsync(id);
        Assert.Equal(TenantRecordItem.TryFromItem(before), TenantRecordItem.TryFromItem(after));
        Assert.Equal("cluster-a", TenantRecordItem.OwnerOf(after)!.Cluster);
        Assert.Equal(created, (await clusters.Dynamo.DescribeTableAsync(clusters.Tables.Ledger(id))).Table.CreationDateTime);
        Assert.Equal(TenantReasons.Provisioned, ReadyReason(clusters.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, id)));
        Assert.False(a.HasExited || b.HasExited, a.Output + b.Output);
    }

    private static Task<object> Create(FakeKubernetesApi kube, string name, object spec) =>
        kube.CreateClient().CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = TenantResource.ApiVersion,
            ["kind"] = TenantResource.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = OperatorFixture.Namespace },
            ["spec"] = JsonSerializer.SerializeToNode(spec),
        }, TenantResource.Group, TenantResource.Version, OperatorFixture.Namespace, TenantResource.Plural);

    private async Task<Dictionary<string, AttributeValue>> RegistryItemAsync(string id) =>
        (await clusters.Dynamo.GetItemAsync(new GetItemRequest { TableName = clusters.Tables.Registry, Key = TenantRecordItem.Key(id), ConsistentRead = true })).Item;

    private static string? ReadyReason(JsonObject? tenant) => OperatorFixture.Condition(tenant, TenantConditionTypes.Ready)?["reason"]?.GetValue<string>();

    private static string Message(JsonObject? tenant) => OperatorFixture.Condition(tenant, TenantConditionTypes.Ready)!["message"]!.GetValue<string>();
}
