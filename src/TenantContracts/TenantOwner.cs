namespace BudgetBuddy.TenantContracts;

/// <summary>
/// The one resource that owns a tenant id. A tenant id is global (one DynamoDB account and table prefix may serve
/// several namespaces and clusters), so the owner is recorded in the registry item before anything else is written,
/// and only the owner may change or delete what the id stands for. <see cref="Uid"/> decides: Kubernetes uids are
/// unique across clusters and never reused, so a namespace or cluster that reuses a name is still someone else.
/// </summary>
/// <param name="Cluster">Which cluster's operator (or "local" for the CLI) recorded the claim; for people to read.</param>
public sealed record TenantOwner(string Cluster, string Namespace, string Name, string Uid)
{
    /// <summary>The owner the local CLI (<c>provision</c>, <c>make run</c>) records: one per tenant id, stable across runs.</summary>
    public static TenantOwner Local(string tenantId) => new("local", "", tenantId, $"local-{tenantId}");

    /// <summary>True when <paramref name="other"/> is the same resource, or the same cluster, namespace and name.</summary>
    public bool SamePlaceAs(TenantOwner other) => Cluster == other.Cluster && Namespace == other.Namespace && Name == other.Name;

    public override string ToString() =>
        Namespace.Length == 0 ? $"{Cluster}/{Name} (uid {Uid})" : $"{Cluster}/{Namespace}/{Name} (uid {Uid})";
}
