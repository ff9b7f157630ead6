namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// A request URL taken apart the way the real server routes it:
/// <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> and
/// <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c>.
/// </summary>
/// <param name="Resource">The resource addressed.</param>
/// <param name="Namespace">The namespace; null for a collection across all namespaces, empty for cluster-scoped objects.</param>
/// <param name="Name">The object's name; null for the collection.</param>
/// <param name="Subresource">E.g. <c>status</c>; null for the object itself.</param>
internal sealed record ResourcePath(ApiResource Resource, string? Namespace, string? Name, string? Subresource)
{
    public static ResourcePath? Parse(string path, Func<string, string, string, bool, ApiResource> resolve)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        string[] rest;
        if (segments is ["api", var coreVersion, .. var coreRest])
        {
            (group, version, rest) = ("", coreVersion, coreRest);
        }
        else if (segments is ["apis", var apiGroup, var apiVersion, .. var groupRest])
        {
            (group, version, rest) = (apiGroup, apiVersion, groupRest);
        }
        else
        {
            return null;
        }

        // "namespaces/{ns}/status" is the Namespace object's status, not a collection named "status".
        if (rest is ["namespaces", var ns, var plural, .. var objectPath] && !(objectPath.Length == 0 && plural is "status" or "finalize"))
        {
            var resource = resolve(group, version, plural, true);
            return resource.Namespaced && objectPath.Length <= 2
                ? new ResourcePath(resource, ns, objectPath.ElementAtOrDefault(0), objectPath.ElementAtOrDefault(1))
                : null;
        }

        if (rest is [var clusterPlural, .. var clusterPath] && clusterPath.Length <= 2)
        {
            var resource = resolve(group, version, clusterPlural, false);
            var name = clusterPath.ElementAtOrDefault(0);
            if (name is not null && resource.Namespaced)
            {
                return null;
            }

            return new ResourcePath(resource, resource.Namespaced ? null : "", name, clusterPath.ElementAtOrDefault(1));
        }

        return null;
    }
}
