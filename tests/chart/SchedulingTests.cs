using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>Pods land on Graviton nodes, spread evenly over zones, and keep off each other's hosts.</summary>
public sealed class SchedulingTests
{
    public static TheoryData<string> Workloads => new() { RenderedChart.Api, RenderedChart.Operator };

    private static V1NodeSelectorRequirement ArchRequirement(V1PodSpec spec)
    {
        var term = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        var requirement = Assert.Single(term.MatchExpressions);
        Assert.Equal("kubernetes.io/arch", requirement.Key);
        Assert.Equal("In", requirement.OperatorProperty);
        return requirement;
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_api_and_the_operator_spread_over_zones_with_max_skew_one(string deployment)
    {
        var chart = RenderedChart.WithDefaults();
        var pod = chart.Deployment(deployment).Spec.Template;

        var spread = Assert.Single(pod.Spec.TopologySpreadConstraints);
        Assert.Equal("topology.kubernetes.io/zone", spread.TopologyKey);
        Assert.Equal(1, spread.MaxSkew);
        Assert.Equal("DoNotSchedule", spread.WhenUnsatisfiable);
        Assert.Equal(["pod-template-hash"], spread.MatchLabelKeys);
        Assert.All(spread.LabelSelector.MatchLabels, l => Assert.Equal(l.Value, pod.Metadata.Labels[l.Key]));
        Assert.Equal(chart.Deployment(deployment).Spec.Selector.MatchLabels, spread.LabelSelector.MatchLabels);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Pods_prefer_a_host_without_a_sibling_by_default(string deployment)
    {
        var chart = RenderedChart.WithDefaults();
        var antiAffinity = chart.PodSpec(deployment).Affinity.PodAntiAffinity;

        Assert.Null(antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        var preferred = Assert.Single(antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal(100, preferred.Weight);
        Assert.Equal("kubernetes.io/hostname", preferred.PodAffinityTerm.TopologyKey);
        Assert.Equal(chart.Deployment(deployment).Spec.Selector.MatchLabels, preferred.PodAffinityTerm.LabelSelector.MatchLabels);
    }

    [Fact]
    public void Hard_anti_affinity_requires_a_host_without_a_sibling()
    {
        var antiAffinity = RenderedChart.ForScenario("amd64-values.yaml").PodSpec(RenderedChart.Api).Affinity.PodAntiAffinity;

        Assert.Null(antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("kubernetes.io/hostname", Assert.Single(antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution).TopologyKey);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Pods_require_arm64_nodes_by_default(string deployment)
    {
        var requirement = ArchRequirement(RenderedChart.WithDefaults().PodSpec(deployment));

        Assert.Equal(["arm64"], requirement.Values);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_architecture_switches_to_amd64(string deployment)
    {
        var requirement = ArchRequirement(RenderedChart.ForScenario("amd64-values.yaml").PodSpec(deployment));

        Assert.Equal(["amd64"], requirement.Values);
    }

    [Fact]
    public void Both_architectures_can_be_allowed_at_once()
    {
        var requirement = ArchRequirement(RenderedChart.WithDefaults("scheduling.architectures={arm64,amd64}").PodSpec(RenderedChart.Api));

        Assert.Equal(["arm64", "amd64"], requirement.Values);
    }

    [Fact]
    public void An_empty_architecture_list_drops_the_node_affinity()
    {
        var spec = RenderedChart.WithDefaults("json:scheduling.architectures=[]").PodSpec(RenderedChart.Api);

        Assert.Null(spec.Affinity.NodeAffinity);
        Assert.NotNull(spec.Affinity.PodAntiAffinity);
    }

    [Fact]
    public void Node_selector_and_tolerations_reach_the_pods()
    {
        var spec = RenderedChart.WithDefaults("api.nodeSelector.pool=api", "api.tolerations[0].key=dedicated", "api.tolerations[0].operator=Exists")
            .PodSpec(RenderedChart.Api);

        Assert.Equal("api", spec.NodeSelector["pool"]);
        Assert.Equal("dedicated", Assert.Single(spec.Tolerations).Key);
    }
}
