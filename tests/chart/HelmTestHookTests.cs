using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

public sealed class HelmTestHookTests
{
    private static V1Pod TestPod(RenderedChart chart) => chart.Get<V1Pod>("Pod", $"{RenderedChart.Api}-test-health");

    [Fact]
    public void Helm_test_checks_that_the_api_service_reports_up_on_actuator_health()
    {
        var pod = TestPod(RenderedChart.WithDefaults());

        Assert.Equal("test", pod.Metadata.Annotations["helm.sh/hook"]);
        Assert.Equal("before-hook-creation,hook-succeeded", pod.Metadata.Annotations["helm.sh/hook-delete-policy"]);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        var script = string.Join(' ', pod.Spec.Containers.Single().Command);
        Assert.Contains($"http://{RenderedChart.Api}:80/actuator/health\"", script, StringComparison.Ordinal);
        Assert.Contains("--fail", script, StringComparison.Ordinal);
        Assert.Contains("grep -q '^{\"status\":\"UP\"'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Helm_test_follows_the_service_port()
    {
        var script = string.Join(' ', TestPod(RenderedChart.WithDefaults("api.service.port=8080")).Spec.Containers.Single().Command);

        Assert.Contains($"http://{RenderedChart.Api}:8080/actuator/health", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_pod_needs_no_kubernetes_token_and_runs_on_the_same_architecture()
    {
        var spec = TestPod(RenderedChart.ForScenario("amd64-values.yaml")).Spec;

        Assert.False(spec.AutomountServiceAccountToken);
        Assert.Equal(["amd64"], spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Single().MatchExpressions.Single().Values);
    }
}
