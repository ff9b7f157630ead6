using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>Probes hit the endpoints the apps really serve, on the ports they really listen on.</summary>
public sealed class ProbeTests
{
    private static (string Path, string Port) Target(V1Probe probe) => (probe.HttpGet.Path, probe.HttpGet.Port.Value);

    [Fact]
    public void The_api_probes_its_actuator_endpoints_on_port_8080()
    {
        var container = RenderedChart.WithDefaults().Container(RenderedChart.Api);

        Assert.Equal(("http", 8080), (container.Ports.Single().Name, container.Ports.Single().ContainerPort));
        Assert.Equal(("/actuator/health/liveness", "http"), Target(container.StartupProbe));
        Assert.Equal(("/actuator/health/liveness", "http"), Target(container.LivenessProbe));
        Assert.Equal(("/actuator/health/readiness", "http"), Target(container.ReadinessProbe));
    }

    [Fact]
    public void The_api_listens_where_the_probes_look()
    {
        var chart = RenderedChart.WithDefaults("api.containerPort=9090");

        var config = chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Api);
        Assert.Equal("9090", config.Data["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal(9090, chart.Container(RenderedChart.Api).Ports.Single().ContainerPort);
    }

    [Fact]
    public void The_api_startup_probe_allows_a_minute_before_liveness_takes_over()
    {
        var container = RenderedChart.WithDefaults().Container(RenderedChart.Api);

        Assert.Equal(60, container.StartupProbe.PeriodSeconds * container.StartupProbe.FailureThreshold);
        Assert.True(container.ReadinessProbe.TimeoutSeconds > 3, "readiness waits for the DynamoDB check's 3 s timeout");
    }

    [Fact]
    public void The_operator_probes_healthz_and_readyz_on_port_8081()
    {
        var container = RenderedChart.WithDefaults().Container(RenderedChart.Operator);

        Assert.Equal(("http-metrics", 8081), (container.Ports.Single().Name, container.Ports.Single().ContainerPort));
        Assert.Equal(("/healthz", "http-metrics"), Target(container.StartupProbe));
        Assert.Equal(("/healthz", "http-metrics"), Target(container.LivenessProbe));
        Assert.Equal(("/readyz", "http-metrics"), Target(container.ReadinessProbe));
    }

    [Fact]
    public void A_probe_can_be_turned_off()
    {
        var container = RenderedChart.WithDefaults("api.startupProbe.enabled=false").Container(RenderedChart.Api);

        Assert.Null(container.StartupProbe);
        Assert.NotNull(container.LivenessProbe);
    }
}
