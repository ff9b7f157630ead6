using k8s;
using k8s.Models;

namespace BudgetBuddy.Operator.Runtime;

/// <summary>The work-queue key of an object: "namespace/name", or "name" for a cluster-scoped one (as client-go).</summary>
public static class ResourceKey
{
    /// <summary>The key of <paramref name="resource"/>.</summary>
    public static string For(IKubernetesObject<V1ObjectMeta> resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var metadata = resource.Metadata ?? throw new ArgumentException("The object has no metadata.", nameof(resource));
        return For(metadata.NamespaceProperty, metadata.Name);
    }

    /// <summary>The key of the object <paramref name="name"/> in <paramref name="namespace"/> (null or empty: cluster-scoped).</summary>
    public static string For(string? @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";
    }

    /// <summary>Splits a key into namespace (null when cluster-scoped) and name.</summary>
    public static (string? Namespace, string Name) Parse(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, key);
        }
        if (slash == 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
        {
            throw new FormatException($"'{key}' is not a key of the form namespace/name.");
        }
        return (key[..slash], key[(slash + 1)..]);
    }
}
