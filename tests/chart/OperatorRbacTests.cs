using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>
/// The operator may do exactly what its code does (TenantClient, KubernetesTenantSecretStore, TenantEventRecorder,
/// ResourceWatcher and its Secret watch, LeaseLeaderElection) and nothing more.
/// </summary>
public sealed class OperatorRbacTests
{
    private const string ClusterRoleName = $"{RenderedChart.Namespace}-{RenderedChart.Operator}";

    private static readonly string[] ExpectedTenantRules =
    [
        "budgetbuddy.io|budgetbuddytenants||get,list,watch,patch",
        "budgetbuddy.io|budgetbuddytenants/status||update",
        "budgetbuddy.io|budgetbuddytenants/finalizers||update",
        "|secrets||get,list,watch,create,update",
        "|events||create,patch",
    ];

    private static string[] Describe(IEnumerable<V1PolicyRule> rules) =>
    [
        .. rules.Select(r => string.Join('|',
            string.Join(',', r.ApiGroups), string.Join(',', r.Resources), string.Join(',', r.ResourceNames ?? []), string.Join(',', r.Verbs))),
    ];

    [Fact]
    public void Watching_every_namespace_the_operator_gets_a_cluster_role_with_exactly_its_calls()
    {
        var chart = RenderedChart.WithDefaults();

        var role = chart.Get<V1ClusterRole>("ClusterRole", ClusterRoleName);

        Assert.Equal(ExpectedTenantRules, Describe(role.Rules));
        Assert.Single(chart.OfKind("ClusterRole"));
        Assert.DoesNotContain(chart.OfKind("Role"), m => m.Name == RenderedChart.Operator);
    }

    [Fact]
    public void The_cluster_role_is_bound_to_the_operator_service_account_only()
    {
        var binding = RenderedChart.WithDefaults().Get<V1ClusterRoleBinding>("ClusterRoleBinding", ClusterRoleName);

        Assert.Equal(("ClusterRole", ClusterRoleName), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", RenderedChart.Operator, RenderedChart.Namespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void Watching_one_namespace_grants_a_role_there_and_no_cluster_role()
    {
        var chart = RenderedChart.ForScenario("single-namespace-values.yaml");

        Assert.Empty(chart.OfKind("ClusterRole"));
        Assert.Empty(chart.OfKind("ClusterRoleBinding"));
        var role = chart.Get<V1Role>("Role", RenderedChart.Operator);
        Assert.Equal("bank-tenants", role.Metadata.NamespaceProperty);
        Assert.Equal(ExpectedTenantRules, Describe(role.Rules));
        var binding = chart.Get<V1RoleBinding>("RoleBinding", RenderedChart.Operator);
        Assert.Equal("bank-tenants", binding.Metadata.NamespaceProperty);
        Assert.Equal(("Role", RenderedChart.Operator), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(RenderedChart.Namespace, Assert.Single(binding.Subjects).NamespaceProperty);
    }

    [Fact]
    public void The_lease_role_allows_creating_a_lease_and_reading_and_renewing_only_its_own()
    {
        var chart = RenderedChart.WithDefaults();

        var role = chart.Get<V1Role>("Role", $"{RenderedChart.Operator}-leader-election");

        Assert.Equal(RenderedChart.Namespace, role.Metadata.NamespaceProperty);
        Assert.Equal(
            ["coordination.k8s.io|leases||create", "coordination.k8s.io|leases|budgetbuddy-operator|get,update"],
            Describe(role.Rules));
        var binding = chart.Get<V1RoleBinding>("RoleBinding", $"{RenderedChart.Operator}-leader-election");
        Assert.Equal(RenderedChart.Operator, Assert.Single(binding.Subjects).Name);
    }

    [Fact]
    public void Without_leader_election_there_is_no_lease_role()
    {
        var chart = RenderedChart.ForScenario("single-operator-values.yaml");

        Assert.Empty(chart.OfKind("Role"));
        Assert.Empty(chart.OfKind("RoleBinding"));
        Assert.Single(chart.OfKind("ClusterRole"));
    }

    [Fact]
    public void The_api_gets_no_rbac_at_all()
    {
        var chart = RenderedChart.WithDefaults();

        var bindings = chart.OfKind("RoleBinding").Select(m => chart.Get<V1RoleBinding>("RoleBinding", m.Name).Subjects)
            .Concat(chart.OfKind("ClusterRoleBinding").Select(m => chart.Get<V1ClusterRoleBinding>("ClusterRoleBinding", m.Name).Subjects))
            .SelectMany(s => s);
        Assert.All(bindings, s => Assert.Equal(RenderedChart.Operator, s.Name));
    }
}
