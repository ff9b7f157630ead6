namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// One kind of object the fake API server serves, described the way the real server's discovery does:
/// group (empty for the core group), version, plural resource name and kind.
/// </summary>
/// <param name="Group">The API group; empty for the core (<c>/api/v1</c>) group.</param>
/// <param name="Version">The API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>secrets</c>.</param>
/// <param name="Kind">The object kind, e.g. <c>Secret</c>; lists are <c>{Kind}List</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="HasStatusSubresource">
/// Whether <c>/status</c> is a subresource: writes there change only <c>.status</c>, and writes to the object ignore
/// <c>.status</c>.
/// </param>
/// <param name="TracksGeneration">
/// Whether the server keeps <c>metadata.generation</c> (custom resources and built-ins with a spec do; Secrets,
/// ConfigMaps, Events and Leases do not).
/// </param>
/// <param name="IsCustomResource">
/// Whether the resource is served from a CustomResourceDefinition: bodies must carry <c>apiVersion</c> and
/// <c>kind</c>, strategic merge patch is refused, and list items keep their <c>apiVersion</c> and <c>kind</c>.
/// </param>
public sealed record ApiResource(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced = true,
    bool HasStatusSubresource = false,
    bool TracksGeneration = false,
    bool IsCustomResource = false)
{
    /// <summary>The <c>apiVersion</c> of objects: <c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The list kind, <c>{Kind}List</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>The name the real server uses in messages: <c>plural</c> or <c>plural.group</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    internal bool SameResourceAs(ApiResource other) =>
        string.Equals(Group, other.Group, StringComparison.Ordinal)
        && string.Equals(Version, other.Version, StringComparison.Ordinal)
        && string.Equals(Plural, other.Plural, StringComparison.Ordinal);
}
