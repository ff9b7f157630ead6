using BudgetBuddy.ChartTests.Rendering;

namespace BudgetBuddy.ChartTests;

/// <summary>Rollouts and scale-downs lose no request: capacity never drops, and a leaving pod drains before it stops.</summary>
public sealed class RolloutTests
{
    /// <summary>The API's HostOptions.ShutdownTimeout: how long it finishes in-flight requests after SIGTERM.</summary>
    private const int ApiShutdownSeconds = 25;

    [Fact]
    public void A_rollout_never_takes_an_api_pod_away_before_its_replacement_is_ready()
    {
        var strategy = RenderedChart.WithDefaults().Deployment(RenderedChart.Api).Spec.Strategy;

        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal("0", strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("25%", strategy.RollingUpdate.MaxSurge.Value);
    }

    [Fact]
    public void A_leaving_api_pod_sleeps_in_prestop_then_has_time_to_finish_its_requests()
    {
        var spec = RenderedChart.WithDefaults().PodSpec(RenderedChart.Api);
        var preStop = spec.Containers.Single().Lifecycle.PreStop;

        Assert.Null(preStop.Exec);
        Assert.Equal(15, preStop.Sleep.Seconds);
        Assert.Equal(45, spec.TerminationGracePeriodSeconds);
        Assert.True(spec.TerminationGracePeriodSeconds >= preStop.Sleep.Seconds + ApiShutdownSeconds);
    }

    [Fact]
    public void The_alb_lets_a_deregistered_pod_finish_before_the_pod_is_killed()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml");
        var annotations = chart.Get<k8s.Models.V1Ingress>("Ingress", RenderedChart.Api).Metadata.Annotations;

        Assert.Equal("deregistration_delay.timeout_seconds=30", annotations["alb.ingress.kubernetes.io/target-group-attributes"]);
        Assert.True(30 < chart.PodSpec(RenderedChart.Api).TerminationGracePeriodSeconds);
    }

    [Fact]
    public void The_operator_rolls_one_pod_at_a_time_and_has_time_to_release_its_lease()
    {
        var deployment = RenderedChart.WithDefaults().Deployment(RenderedChart.Operator);

        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.True(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds > 30, "the operator allows itself 30 s to stop");
    }

    [Fact]
    public void Pods_roll_when_their_settings_change()
    {
        string Checksum(RenderedChart chart) => chart.Deployment(RenderedChart.Api).Spec.Template.Metadata.Annotations["checksum/config"];

        Assert.NotEqual(Checksum(RenderedChart.WithDefaults()), Checksum(RenderedChart.WithDefaults("dynamodb.region=eu-west-1")));
    }
}
