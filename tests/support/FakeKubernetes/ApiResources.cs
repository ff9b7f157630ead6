namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>The resources the fake API server knows out of the box; others can be registered or are inferred.</summary>
public static class ApiResources
{
    public static readonly ApiResource Secrets = new("", "v1", "secrets", "Secret");

    public static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap");

    /// <summary>Core <c>v1</c> Events (what <c>kubectl describe</c> shows).</summary>
    public static readonly ApiResource CoreEvents = new("", "v1", "events", "Event");

    /// <summary><c>events.k8s.io/v1</c> Events.</summary>
    public static readonly ApiResource Events = new("events.k8s.io", "v1", "events", "Event");

    public static readonly ApiResource Leases = new("coordination.k8s.io", "v1", "leases", "Lease");

    public static readonly ApiResource Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);

    public static readonly ApiResource BudgetBuddyTenants = new(
        "budgetbuddy.io", "v1alpha1", "budgetbuddytenants", "BudgetBuddyTenant",
        HasStatusSubresource: true, TracksGeneration: true, IsCustomResource: true);

    // The kinds a release of the chart holds, so that discovery lists them for Helm (and lookup finds them).
    public static readonly ApiResource Services = new("", "v1", "services", "Service");

    public static readonly ApiResource ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount");

    public static readonly ApiResource Pods = new("", "v1", "pods", "Pod", HasStatusSubresource: true);

    public static readonly ApiResource Deployments = new("apps", "v1", "deployments", "Deployment", HasStatusSubresource: true, TracksGeneration: true);

    public static readonly ApiResource PodDisruptionBudgets = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", HasStatusSubresource: true, TracksGeneration: true);

    public static readonly ApiResource HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", HasStatusSubresource: true);

    public static readonly ApiResource Ingresses = new("networking.k8s.io", "v1", "ingresses", "Ingress", HasStatusSubresource: true, TracksGeneration: true);

    public static readonly ApiResource NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", TracksGeneration: true);

    public static readonly ApiResource Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role");

    public static readonly ApiResource RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding");

    public static readonly ApiResource ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false);

    public static readonly ApiResource ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false);

    internal static IEnumerable<ApiResource> BuiltIn =>
    [
        Secrets, ConfigMaps, CoreEvents, Events, Leases, Namespaces, BudgetBuddyTenants,
        Services, ServiceAccounts, Pods, Deployments, PodDisruptionBudgets, HorizontalPodAutoscalers, Ingresses,
        NetworkPolicies, Roles, RoleBindings, ClusterRoles, ClusterRoleBindings,
    ];

    /// <summary>
    /// A resource nobody registered: the kind is guessed from the plural; groups other than the built-in ones
    /// (core, apps, batch, autoscaling, policy, <c>*.k8s.io</c>) are custom resources (generation tracked, no status
    /// subresource).
    /// </summary>
    internal static ApiResource Infer(string group, string version, string plural, bool namespaced)
    {
        var singular = plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
            : plural.EndsWith("sses", StringComparison.Ordinal) || plural.EndsWith("ches", StringComparison.Ordinal)
              || plural.EndsWith("shes", StringComparison.Ordinal) || plural.EndsWith("xes", StringComparison.Ordinal) ? plural[..^2]
            : plural.EndsWith('s') ? plural[..^1]
            : plural;
        var kind = singular.Length == 0 ? plural : char.ToUpperInvariant(singular[0]) + singular[1..];
        var builtIn = group is "" or "apps" or "batch" or "autoscaling" or "policy" || group.EndsWith("k8s.io", StringComparison.Ordinal);
        var workload = group is "apps" or "batch";
        return new ApiResource(group, version, plural, kind, namespaced, TracksGeneration: !builtIn || workload, IsCustomResource: !builtIn);
    }
}
