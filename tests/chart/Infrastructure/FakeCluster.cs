using System.Text.Json.Nodes;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>
/// A fake Kubernetes API server holding the given objects, and <c>helm template --dry-run=server</c> against it: it
/// lets a test see what the chart's <c>lookup</c> calls make of objects already in the cluster, e.g. on an upgrade,
/// without a cluster.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly FakeKubernetesApi api;
    private readonly string kubeconfig = Path.Combine(Path.GetTempPath(), $"budgetbuddy-fake-kubeconfig-{Guid.NewGuid():N}.yaml");

    private FakeCluster(FakeKubernetesApi api)
    {
        this.api = api;
        // No credentials: whatever the user's own kubeconfig holds never reaches this server.
        File.WriteAllText(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {{api.BaseUrl}}
            users:
              - name: anonymous
                user: {}
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: anonymous
            current-context: fake
            """);
    }

    /// <param name="existing">Objects in the cluster, each with apiVersion, kind, metadata.name and metadata.namespace.</param>
    public static async Task<FakeCluster> StartAsync(params JsonObject[] existing)
    {
        var api = await FakeKubernetesApi.StartAsync();
        foreach (var item in existing)
        {
            api.Put(item);
        }
        return new FakeCluster(api);
    }

    /// <summary><c>helm template</c> of the chart, with lookup answered by this cluster.</summary>
    public CommandResult Template(params string[] sets) =>
        Helm.Run([.. Rendering.RenderedChart.TemplateArguments(null, sets), "--dry-run=server", "--disable-openapi-validation", "--kubeconfig", kubeconfig]);

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        File.Delete(kubeconfig);
    }
}
