using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>
/// A Kubernetes API server just big enough for <c>helm template --dry-run=server</c>: discovery of the kinds the chart
/// renders with its defaults, and GET of the objects it was given (every other object is NotFound). It lets a test
/// see what the chart's <c>lookup</c> calls make of objects already in the cluster, e.g. on an upgrade, without one.
/// </summary>
internal sealed class FakeKubernetesApi : IDisposable
{
    /// <summary>Group/version, then (kind, plural, namespaced) of each kind the defaults render or look up.</summary>
    private static readonly Dictionary<string, (string Kind, string Plural, bool Namespaced)[]> Kinds = new()
    {
        ["v1"] = [("Secret", "secrets", true), ("ConfigMap", "configmaps", true), ("Service", "services", true), ("ServiceAccount", "serviceaccounts", true), ("Pod", "pods", true)],
        ["apps/v1"] = [("Deployment", "deployments", true)],
        ["policy/v1"] = [("PodDisruptionBudget", "poddisruptionbudgets", true)],
        ["autoscaling/v2"] = [("HorizontalPodAutoscaler", "horizontalpodautoscalers", true)],
        ["networking.k8s.io/v1"] = [("Ingress", "ingresses", true), ("NetworkPolicy", "networkpolicies", true)],
        ["rbac.authorization.k8s.io/v1"] = [("Role", "roles", true), ("RoleBinding", "rolebindings", true), ("ClusterRole", "clusterroles", false), ("ClusterRoleBinding", "clusterrolebindings", false)],
    };

    private readonly HttpListener listener = new();
    private readonly Dictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly Task serving;
    private readonly string kubeconfig = Path.Combine(Path.GetTempPath(), $"budgetbuddy-fake-kubeconfig-{Guid.NewGuid():N}.yaml");

    /// <param name="existing">Objects in the cluster, each with apiVersion, kind, metadata.name and metadata.namespace.</param>
    public FakeKubernetesApi(params JsonObject[] existing)
    {
        foreach (var item in existing)
        {
            objects[PathOf(item)] = item;
        }
        var url = $"http://127.0.0.1:{FreePort()}";
        listener.Prefixes.Add(url + "/");
        listener.Start();
        serving = Task.Run(ServeAsync);
        // No credentials: whatever the user's own kubeconfig holds never reaches this server.
        File.WriteAllText(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {{url}}
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

    /// <summary><c>helm template</c> of the chart, with lookup answered by this server.</summary>
    public CommandResult Template(params string[] sets) =>
        Helm.Run([.. Rendering.RenderedChart.TemplateArguments(null, sets), "--dry-run=server", "--disable-openapi-validation", "--kubeconfig", kubeconfig]);

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closing the listener ends the pending GetContextAsync with an exception: that is the way out.
        }
        File.Delete(kubeconfig);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string PathOf(JsonObject item)
    {
        var groupVersion = (string)item["apiVersion"]!;
        var kind = (string)item["kind"]!;
        var (_, plural, namespaced) = Kinds[groupVersion].Single(k => k.Kind == kind);
        var prefix = groupVersion == "v1" ? "/api/v1" : $"/apis/{groupVersion}";
        var scope = namespaced ? $"/namespaces/{(string)item["metadata"]!["namespace"]!}" : "";
        return $"{prefix}{scope}/{plural}/{(string)item["metadata"]!["name"]!}";
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            var (status, body) = Answer(context.Request.Url!.AbsolutePath);
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, JsonNode Body) Answer(string path)
    {
        if (objects.TryGetValue(path, out var found))
        {
            return (200, found);
        }
        switch (path)
        {
            case "/version":
                return (200, new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0", ["platform"] = "linux/arm64" });
            case "/api":
                return (200, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") });
            case "/apis":
                var groups = new JsonArray();
                foreach (var groupVersion in Kinds.Keys.Where(g => g.Contains('/', StringComparison.Ordinal)))
                {
                    var version = new JsonObject { ["groupVersion"] = groupVersion, ["version"] = groupVersion.Split('/')[1] };
                    groups.Add(new JsonObject { ["name"] = groupVersion.Split('/')[0], ["versions"] = new JsonArray(version), ["preferredVersion"] = version.DeepClone() });
                }
                return (200, new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
        }
        var listed = path == "/api/v1" ? "v1" : path.StartsWith("/apis/", StringComparison.Ordinal) ? path["/apis/".Length..] : null;
        if (listed is not null && Kinds.TryGetValue(listed, out var kinds))
        {
            var resources = new JsonArray();
            foreach (var (kind, plural, namespaced) in kinds)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = plural, ["singularName"] = kind.ToLowerInvariant(), ["namespaced"] = namespaced, ["kind"] = kind,
                    ["verbs"] = new JsonArray("get", "list", "create", "update", "patch", "delete"),
                });
            }
            return (200, new JsonObject { ["kind"] = "APIResourceList", ["groupVersion"] = listed, ["resources"] = resources });
        }
        return (404, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "NotFound", ["code"] = 404 });
    }
}
