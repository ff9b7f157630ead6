using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using BudgetBuddy.ChartTests.Validation;

namespace BudgetBuddy.ChartTests;

/// <summary>The chart ships the BudgetBuddyTenant CRD the operator's RBAC refers to, as a valid API object.</summary>
public sealed class TenantCrdTests
{
    [Fact]
    public void The_chart_ships_the_tenant_crd_and_it_is_a_valid_api_object()
    {
        var crds = RenderedChart.Parse(Helm.Run("show", "crds", RepositoryPaths.Chart).EnsureSuccess().Stdout);

        var crd = Assert.Single(crds.Manifests);
        Assert.Equal(("CustomResourceDefinition", "budgetbuddytenants.budgetbuddy.io"), (crd.Kind, crd.Name));
        Assert.Empty(ManifestValidator.Validate(crd));
    }

    [Fact]
    public void The_operator_rbac_names_the_crds_group_and_resources()
    {
        var crd = Assert.Single(RenderedChart.Parse(Helm.Run("show", "crds", RepositoryPaths.Chart).EnsureSuccess().Stdout).Manifests);
        var group = (string)crd.Json["spec"]!["group"]!;
        var plural = (string)crd.Json["spec"]!["names"]!["plural"]!;

        var role = RenderedChart.WithDefaults().Get<k8s.Models.V1ClusterRole>("ClusterRole", $"{RenderedChart.Namespace}-{RenderedChart.Operator}");

        Assert.All(role.Rules.Where(r => r.ApiGroups.Contains(group)), r => Assert.All(r.Resources, resource => Assert.StartsWith(plural, resource, StringComparison.Ordinal)));
        Assert.Equal(3, role.Rules.Count(r => r.ApiGroups.Contains(group)));
    }
}
