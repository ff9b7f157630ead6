using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

public sealed class AutoscalingTests
{
    private static V2HorizontalPodAutoscaler Hpa(RenderedChart chart, string name) => chart.Get<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler", name);

    [Fact]
    public void The_api_scales_between_2_and_20_pods_on_70_percent_cpu_and_memory()
    {
        var hpa = Hpa(RenderedChart.WithDefaults(), RenderedChart.Api);

        Assert.Equal(("apps/v1", "Deployment", RenderedChart.Api), (hpa.Spec.ScaleTargetRef.ApiVersion, hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Equal(2, hpa.Spec.MinReplicas);
        Assert.Equal(20, hpa.Spec.MaxReplicas);
        var targets = hpa.Spec.Metrics.ToDictionary(m => m.Resource.Name, m => (m.Type, m.Resource.Target.Type, m.Resource.Target.AverageUtilization));
        Assert.Equal(("Resource", "Utilization", (int?)70), targets["cpu"]);
        Assert.Equal(("Resource", "Utilization", (int?)70), targets["memory"]);
        Assert.Equal(2, targets.Count);
    }

    [Fact]
    public void Scale_down_waits_out_a_five_minute_window_and_sheds_at_most_a_fifth_a_minute()
    {
        var scaleDown = Hpa(RenderedChart.WithDefaults(), RenderedChart.Api).Spec.Behavior.ScaleDown;

        Assert.Equal(300, scaleDown.StabilizationWindowSeconds);
        var policy = Assert.Single(scaleDown.Policies);
        Assert.Equal(("Percent", 20, 60), (policy.Type, policy.Value, policy.PeriodSeconds));
    }

    [Fact]
    public void Scale_up_reacts_at_once()
    {
        var scaleUp = Hpa(RenderedChart.WithDefaults(), RenderedChart.Api).Spec.Behavior.ScaleUp;

        Assert.Equal(0, scaleUp.StabilizationWindowSeconds);
        Assert.Equal("Max", scaleUp.SelectPolicy);
        Assert.Equal(2, scaleUp.Policies.Count);
    }

    [Fact]
    public void With_autoscaling_on_the_deployment_leaves_the_replica_count_to_the_hpa()
    {
        Assert.Null(RenderedChart.WithDefaults().Deployment(RenderedChart.Api).Spec.Replicas);
    }

    [Fact]
    public void With_autoscaling_off_there_is_no_hpa_and_the_deployment_sets_replicas()
    {
        var chart = RenderedChart.ForScenario("amd64-values.yaml");

        Assert.Empty(chart.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal(3, chart.Deployment(RenderedChart.Api).Spec.Replicas);
    }

    [Fact]
    public void The_operator_is_never_autoscaled_and_runs_two_replicas()
    {
        var chart = RenderedChart.WithDefaults();

        Assert.DoesNotContain(chart.OfKind("HorizontalPodAutoscaler"), m => m.Name == RenderedChart.Operator);
        Assert.Equal(2, chart.Deployment(RenderedChart.Operator).Spec.Replicas);
    }
}
