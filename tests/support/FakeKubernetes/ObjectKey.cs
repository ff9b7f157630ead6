namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>Where the fake API server keeps one object; <see cref="Namespace"/> is empty for cluster-scoped objects.</summary>
internal readonly record struct ObjectKey(string Group, string Version, string Plural, string Namespace, string Name)
{
    public static ObjectKey For(ApiResource resource, string ns, string name) =>
        new(resource.Group, resource.Version, resource.Plural, ns, name);

    public bool Holds(ApiResource resource) =>
        Group == resource.Group && Version == resource.Version && Plural == resource.Plural;

    /// <summary>The order etcd lists keys in: by namespace, then name, as bytes.</summary>
    public string SortKey => $"{Namespace}/{Name}";
}
