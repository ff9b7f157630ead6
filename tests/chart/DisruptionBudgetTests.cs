using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

public sealed class DisruptionBudgetTests
{
    public static TheoryData<string> Workloads => new() { RenderedChart.Api, RenderedChart.Operator };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void A_drain_takes_at_most_one_pod_of_each_workload_at_a_time(string name)
    {
        var chart = RenderedChart.WithDefaults();

        var pdb = chart.Get<V1PodDisruptionBudget>("PodDisruptionBudget", name);

        Assert.Equal("1", pdb.Spec.MaxUnavailable.Value);
        Assert.Null(pdb.Spec.MinAvailable);
        Assert.Equal("AlwaysAllow", pdb.Spec.UnhealthyPodEvictionPolicy);
        Assert.Equal(chart.Deployment(name).Spec.Selector.MatchLabels, pdb.Spec.Selector.MatchLabels);
    }

    [Fact]
    public void The_budgets_can_be_left_out()
    {
        Assert.Empty(RenderedChart.WithDefaults("api.pdb.create=false", "operator.pdb.create=false").OfKind("PodDisruptionBudget"));
    }
}
