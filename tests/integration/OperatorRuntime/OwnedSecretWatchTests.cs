using System.Text.Json.Nodes;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using k8s.Models;
using Prometheus;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>
/// The watch of the tenants' Secrets against the fake API server: a change to an owned Secret queues its owning
/// tenant, Secrets outside the selector queue nothing, no key material is cached, and a Secret deleted while no watch
/// was open still queues its owner once the watcher lists again.
/// </summary>
public sealed class OwnedSecretWatchTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Namespace = "tenants";
    private WatcherHarness<V1Secret> harness = null!;
    private FakeKubernetesApi api = null!;
    private RateLimitingWorkQueue queue = null!;
    private ResourceWatcher<V1Secret> watcher = null!;

    public async Task InitializeAsync()
    {
        harness = await WatcherHarness<V1Secret>.StartAsync();
        (api, queue) = (harness.Api, harness.Queue);
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_change_to_an_owned_secret_queues_its_tenant_and_other_secrets_queue_nothing()
    {
        PutSecret("acme-budgetbuddy", owner: "acme", value: "one");
        PutSecret("unrelated", owner: null, value: "one");
        StartWatcher();
        await api.WaitForAsync(() => api.OpenWatches == 1);

        Assert.Equal([$"{Namespace}/acme"], await harness.DrainQueueAsync());
        Assert.True(watcher.TryGet($"{Namespace}/acme-budgetbuddy", out var cached));
        Assert.Null(cached.Data);
        Assert.False(watcher.TryGet($"{Namespace}/unrelated", out _));

        PutSecret("unrelated", owner: null, value: "two");
        PutSecret("acme-budgetbuddy", owner: "acme", value: "two");
        await api.WaitForAsync(() => queue.Length > 0);
        Assert.Equal([$"{Namespace}/acme"], await harness.DrainQueueAsync());

        Assert.True(api.Delete(ApiResources.Secrets, Namespace, "acme-budgetbuddy"));
        await api.WaitForAsync(() => queue.Length > 0);
        Assert.Equal([$"{Namespace}/acme"], await harness.DrainQueueAsync());
        Assert.All(api.Requests.Where(r => r.Path.Contains("/secrets", StringComparison.Ordinal)),
            r => Assert.Contains("labelSelector=", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secret_deleted_while_no_watch_was_open_queues_its_tenant_after_the_relist()
    {
        PutSecret("globex-budgetbuddy", owner: "globex", value: "one");
        StartWatcher();
        await api.WaitForAsync(() => api.OpenWatches == 1);
        await harness.DrainQueueAsync();

        // No watch can open while the Secret goes and the history that recorded it is forgotten.
        api.FailNext(1000, 503, pathContains: "watch=true");
        api.DropWatches();
        Assert.True(api.Delete(ApiResources.Secrets, Namespace, "globex-budgetbuddy"));
        api.ExpireHistory();
        Assert.Equal(0, queue.Length);
        api.ClearFaults();

        await api.WaitForAsync(() => queue.Length > 0, TimeSpan.FromSeconds(30));
        Assert.Equal([$"{Namespace}/globex"], await harness.DrainQueueAsync());
        Assert.False(watcher.TryGet($"{Namespace}/globex-budgetbuddy", out _));
    }

    private void StartWatcher()
    {
        var options = new ResourceWatcherOptions
        {
            Group = "",
            Version = "v1",
            Plural = "secrets",
            Namespace = Namespace,
            LabelSelector = KubernetesTenantSecretStore.Selector,
        };
        watcher = harness.Run((client, queue, metrics) => new ResourceWatcher<V1Secret>(client, options, queue, metrics, TimeProvider.System,
            new WriteLineLogger(output.WriteLine, "secret-watcher"), source: new SecretWatchSource(client, options), queueKeyOf: KubernetesTenantSecretStore.OwnerKeyOf));
    }

    private void PutSecret(string name, string? owner, string value)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = Namespace };
        if (owner is not null)
        {
            metadata["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "budgetbuddy-operator", ["budgetbuddy.io/tenant"] = owner };
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = TenantResource.ApiVersion,
                ["kind"] = TenantResource.Kind,
                ["name"] = owner,
                ["uid"] = Guid.NewGuid().ToString(),
                ["controller"] = true,
            });
        }
        api.Put(ApiResources.Secrets, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = metadata,
            ["type"] = "Opaque",
            ["data"] = new JsonObject { ["signing-key.pem"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)) },
        });
    }
}
