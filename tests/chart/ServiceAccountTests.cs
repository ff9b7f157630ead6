using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>IRSA: each workload's ServiceAccount carries its own IAM role, and the pods use that ServiceAccount.</summary>
public sealed class ServiceAccountTests
{
    [Fact]
    public void Each_service_account_carries_its_iam_role_for_irsa()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml");

        Assert.Equal("arn:aws:iam::123456789012:role/budgetbuddy-api",
            chart.Get<V1ServiceAccount>("ServiceAccount", RenderedChart.Api).Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        Assert.Equal("arn:aws:iam::123456789012:role/budgetbuddy-operator",
            chart.Get<V1ServiceAccount>("ServiceAccount", RenderedChart.Operator).Metadata.Annotations["eks.amazonaws.com/role-arn"]);
        Assert.Equal(RenderedChart.Api, chart.PodSpec(RenderedChart.Api).ServiceAccountName);
        Assert.Equal(RenderedChart.Operator, chart.PodSpec(RenderedChart.Operator).ServiceAccountName);
    }

    [Fact]
    public void Without_a_role_there_is_no_role_annotation()
    {
        var account = RenderedChart.WithDefaults().Get<V1ServiceAccount>("ServiceAccount", RenderedChart.Api);

        Assert.Null(account.Metadata.Annotations);
    }

    [Fact]
    public void An_existing_service_account_can_be_used_instead()
    {
        var chart = RenderedChart.WithDefaults("api.serviceAccount.create=false", "api.serviceAccount.name=shared-api");

        Assert.DoesNotContain(chart.OfKind("ServiceAccount"), m => m.Name == RenderedChart.Api);
        Assert.Equal("shared-api", chart.PodSpec(RenderedChart.Api).ServiceAccountName);
    }
}
