using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>
/// The cluster load-test gate: off by default; on, an Indexed Job whose pods each offer their share of the rate
/// against the preview Service from one start time, with the load-test tenant's Secret mounted and one results volume.
/// </summary>
public sealed class LoadTestJobTests
{
    private static V1Job Job(RenderedChart chart) => chart.Get<V1Job>("Job", $"{RenderedChart.Fullname}-loadtest-build-42");

    private static string Script(V1Job job) => job.Spec.Template.Spec.Containers.Single().Args.Single();

    [Fact]
    public void No_job_is_rendered_unless_the_gate_is_enabled()
    {
        Assert.DoesNotContain(RenderedChart.WithDefaults().Manifests, m => m.Kind == "Job");
    }

    [Fact]
    public void The_gate_is_an_indexed_job_of_pods_that_each_offer_their_share_against_the_preview_service()
    {
        var job = Job(RenderedChart.ForScenario("loadtest-values.yaml"));

        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(4, job.Spec.Completions);
        Assert.Equal(4, job.Spec.Parallelism);
        Assert.Equal(0, job.Spec.BackoffLimit);
        var container = job.Spec.Template.Spec.Containers.Single();
        Assert.Equal($"http://{RenderedChart.Api}-preview:80", container.Env.Single(e => e.Name == "TARGET").Value);
        var script = Script(job);
        Assert.Contains("--rate 250 ", script, StringComparison.Ordinal);
        Assert.Contains("--connections 2500 ", script, StringComparison.Ordinal);
        Assert.Contains("--start-at 2026-12-07T10:05:00Z", script, StringComparison.Ordinal);
        Assert.Contains("--tenant loadtest --tenant-secrets /var/run/budgetbuddy/secrets", script, StringComparison.Ordinal);
        Assert.Contains("merge \"$RESULTS\"/*/*.json --results-dir \"$RESULTS/merged\" --threshold \"p99<=1s\" --threshold \"errors<0.1%\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pod_mounts_the_load_test_tenants_secret_and_the_shared_results_claim()
    {
        var spec = Job(RenderedChart.ForScenario("loadtest-values.yaml")).Spec.Template.Spec;

        Assert.Equal("loadtest-budgetbuddy", spec.Volumes.Single(v => v.Name == "tenant-secret").Secret.SecretName);
        Assert.Equal("loadtest-results", spec.Volumes.Single(v => v.Name == "results").PersistentVolumeClaim.ClaimName);
        Assert.Contains(spec.Containers.Single().VolumeMounts, m => m.MountPath == "/var/run/budgetbuddy/secrets/loadtest" && m.ReadOnlyProperty == true);
        Assert.False(spec.AutomountServiceAccountToken);
        Assert.True(spec.SecurityContext.RunAsNonRoot);
    }

    [Fact]
    public void The_active_service_is_loaded_when_asked()
    {
        var job = Job(RenderedChart.ForScenario("loadtest-values.yaml", "loadTest.target=active"));

        Assert.Equal($"http://{RenderedChart.Api}:80", job.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "TARGET").Value);
    }

    [Fact]
    public void Enabling_the_gate_without_a_run_id_a_start_time_or_a_results_claim_is_rejected()
    {
        var result = Helm.Run(RenderedChart.TemplateArguments(null, ["loadTest.enabled=true"]));

        Assert.False(result.Succeeded, result.Command);
        Assert.Contains("loadTest", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }
}
