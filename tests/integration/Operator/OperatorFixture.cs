using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Hosting;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using BudgetBuddy.TestSupport.FakeKubernetes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// The real operator process (controller, reconciler, provisioning) against a fake Kubernetes API server that speaks
/// the real protocol, and the shared DynamoDB Local, with a table prefix of its own.
/// </summary>
public class OperatorFixture : IAsyncLifetime
{
    public const string Namespace = "tenants";

    public string TablePrefix { get; } = $"o{Guid.NewGuid():N}"[..13] + "-";

    public TenantTables Tables => new(TablePrefix);

    public FakeKubernetesApi Kube { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public AmazonDynamoDBClient Dynamo { get; private set; } = null!;

    public DynamoDbLocal DynamoDbLocal { get; private set; } = null!;

    public WebApplication Operator { get; private set; } = null!;

    /// <summary>What the operators this fixture started logged (Information and up), archived when it is disposed.</summary>
    public CapturedLogs Logs { get; } = new();

    protected virtual TimeSpan ResyncPeriod => TimeSpan.FromSeconds(2);

    protected virtual TimeSpan ComplianceInterval => TimeSpan.FromHours(1);

    /// <summary>False for tests that run operators of their own (child processes, several replicas).</summary>
    protected virtual bool StartsOperator => true;

    public virtual async Task InitializeAsync()
    {
        DynamoDbLocal = await DynamoDbLocal.SharedAsync();
        Dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = DynamoDbLocal.ServiceUrl });
        Kube = await FakeKubernetesApi.StartAsync();
        Client = Kube.CreateClient();
        if (StartsOperator)
        {
            Operator = StartOperator();
            await Operator.StartAsync();
        }
    }

    public WebApplication StartOperator(string? identity = null, bool leaderElection = false)
    {
        ConsoleOutput.EnsureInstalled();
        var settings = new OperatorSettings
        {
            KubernetesUrl = Kube.BaseUrl,
            LeaderElection = leaderElection,
            LeaseNamespace = Namespace,
            Identity = identity,
            ResyncPeriod = ResyncPeriod,
            ComplianceInterval = ComplianceInterval,
            Urls = "http://127.0.0.1:0",
            DynamoDb = new DynamoDbOptions { ServiceUrl = DynamoDbLocal.ServiceUrl, TablePrefix = TablePrefix },
            Encryption = new KeyEncryptionKeyOptions { LocalKeyFile = TestKek.FilePath },
        };
        // The console stays quiet (warnings and up); the capture, for the end-of-run log scan, takes Information too.
        return OperatorHost.Build(settings, builder => builder.Logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddProvider(Logs)
            .AddFilter<CapturedLogs>(null, LogLevel.Information));
    }

    public virtual async Task DisposeAsync()
    {
        if (StartsOperator)
        {
            await Operator.StopAsync();
            await Operator.DisposeAsync();
        }
        await Kube.DisposeAsync();
        Dynamo.Dispose();
        Logs.Archive("operator-capture");
    }

    /// <summary>As <c>kubectl apply</c> would: create the resource, or replace its spec (and set the annotations given).</summary>
    public Task ApplyAsync(string name, object spec) => ApplyAsync(Namespace, name, spec);

    public async Task ApplyAsync(string ns, string name, object spec, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is not null)
        {
            metadata["annotations"] = JsonSerializer.SerializeToNode(annotations);
        }
        if (Kube.Get(ApiResources.BudgetBuddyTenants, ns, name) is null)
        {
            var body = new JsonObject
            {
                ["apiVersion"] = TenantResource.ApiVersion,
                ["kind"] = TenantResource.Kind,
                ["metadata"] = metadata,
                ["spec"] = JsonSerializer.SerializeToNode(spec),
            };
            await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, TenantResource.Group, TenantResource.Version, ns, TenantResource.Plural);
            return;
        }
        var change = new JsonObject { ["spec"] = JsonSerializer.SerializeToNode(spec) };
        if (annotations is not null)
        {
            change["metadata"] = new JsonObject { ["annotations"] = JsonSerializer.SerializeToNode(annotations) };
        }
        var patch = new k8s.Models.V1Patch(change, k8s.Models.V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, TenantResource.Group, TenantResource.Version, ns, TenantResource.Plural, name);
    }

    public Task DeleteAsync(string ns, string name) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TenantResource.Group, TenantResource.Version, ns, TenantResource.Plural, name);

    public Task DeleteAsync(string name) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TenantResource.Group, TenantResource.Version, Namespace, TenantResource.Plural, name);

    /// <summary>Waits until the tenant's condition has the status, and returns the resource as then stored.</summary>
    public Task<JsonObject> WaitForConditionAsync(string name, string type, string status, TimeSpan? timeout = null) =>
        WaitForConditionAsync(Namespace, name, type, status, null, timeout);

    /// <summary>As above in namespace <paramref name="ns"/>, and with the condition's reason when one is given.</summary>
    public async Task<JsonObject> WaitForConditionAsync(string ns, string name, string type, string status, string? reason, TimeSpan? timeout = null) =>
        (await Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, ns, name,
            o => Condition(o, type) is { } c && c["status"]?.GetValue<string>() == status && (reason is null || c["reason"]?.GetValue<string>() == reason),
            timeout ?? TimeSpan.FromSeconds(30)))!;

    public static JsonNode? Condition(JsonObject? tenant, string type) =>
        tenant?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);
}
