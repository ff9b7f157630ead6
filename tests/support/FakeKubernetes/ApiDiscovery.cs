using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// The discovery documents of the registered resources, as clients that map kinds to URLs read them before they act
/// (Helm, kubectl): <c>/api</c>, <c>/apis</c>, <c>/api/v1</c> and <c>/apis/{group}/{version}</c>.
/// </summary>
internal static class ApiDiscovery
{
    private static readonly JsonArray Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The document at <paramref name="path"/>, or null when the path is not a discovery path.</summary>
    public static JsonObject? Document(string path, IReadOnlyCollection<ApiResource> resources)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["api"] => new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") },
            ["apis"] => Groups(resources),
            ["api", var version] => ResourceList("", version, resources),
            ["apis", var group, var version] => ResourceList(group, version, resources),
            _ => null,
        };
    }

    private static JsonObject Groups(IReadOnlyCollection<ApiResource> resources)
    {
        var groups = new JsonArray();
        foreach (var group in resources.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var versions = new JsonArray();
            foreach (var version in group.Select(r => r.Version).Distinct().Order(StringComparer.Ordinal))
            {
                versions.Add(new JsonObject { ["groupVersion"] = $"{group.Key}/{version}", ["version"] = version });
            }

            groups.Add(new JsonObject { ["name"] = group.Key, ["versions"] = versions, ["preferredVersion"] = versions[0]!.DeepClone() });
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject? ResourceList(string group, string version, IReadOnlyCollection<ApiResource> resources)
    {
        var served = resources.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
        if (served.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var resource in served)
        {
            list.Add(new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Kind.ToLowerInvariant(),
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = Verbs.DeepClone(),
            });
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = served[0].ApiVersion, ["resources"] = list };
    }
}
