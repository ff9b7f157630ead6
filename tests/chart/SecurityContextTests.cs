using BudgetBuddy.ChartTests.Rendering;

namespace BudgetBuddy.ChartTests;

/// <summary>Secure by default: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp, resources set.</summary>
public sealed class SecurityContextTests
{
    public static TheoryData<string> Scenarios => Rendering.Scenarios.Theory;

    public static TheoryData<string> Workloads => new() { RenderedChart.Api, RenderedChart.Operator };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_container_in_every_scenario_is_hardened(string scenario)
    {
        var pods = RenderedChart.ForScenario(scenario).AllPodSpecs().ToList();

        Assert.True(pods.Count >= 3, "the API, the operator and the helm test pod");
        foreach (var (name, spec) in pods)
        {
            Assert.True(spec.SecurityContext.RunAsNonRoot, name);
            Assert.Equal("RuntimeDefault", spec.SecurityContext.SeccompProfile.Type);
            foreach (var container in spec.Containers)
            {
                var context = container.SecurityContext;
                Assert.False(context.AllowPrivilegeEscalation, name);
                Assert.True(context.ReadOnlyRootFilesystem, name);
                Assert.False(context.Privileged ?? false, name);
                Assert.Equal(["ALL"], context.Capabilities.Drop);
                Assert.Null(context.Capabilities.Add);
                Assert.NotEmpty(container.Resources.Requests);
                Assert.NotEmpty(container.Resources.Limits);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_apps_run_as_the_chiseled_images_app_user(string deployment)
    {
        var spec = RenderedChart.WithDefaults().PodSpec(deployment);
        var container = spec.Containers.Single().SecurityContext;

        Assert.Equal((1654L, 1654L, 1654L), (spec.SecurityContext.RunAsUser!.Value, spec.SecurityContext.RunAsGroup!.Value, spec.SecurityContext.FsGroup!.Value));
        Assert.Equal(1654, container.RunAsUser);
        Assert.True(container.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", container.SeccompProfile.Type);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Tmp_is_a_size_limited_emptyDir_the_only_writable_path(string deployment)
    {
        var spec = RenderedChart.WithDefaults().PodSpec(deployment);
        var mounts = spec.Containers.Single().VolumeMounts;

        var volume = Assert.Single(spec.Volumes, v => v.EmptyDir is not null);
        Assert.NotNull(volume.EmptyDir.SizeLimit);
        var writable = Assert.Single(mounts, m => m.ReadOnlyProperty != true);
        Assert.Equal((volume.Name, "/tmp"), (writable.Name, writable.MountPath));
        Assert.Equal(spec.Volumes.Count, mounts.Count);
    }

    [Fact]
    public void The_api_gets_no_kubernetes_api_token()
    {
        var chart = RenderedChart.WithDefaults();

        Assert.False(chart.PodSpec(RenderedChart.Api).AutomountServiceAccountToken);
        Assert.False(chart.Get<k8s.Models.V1ServiceAccount>("ServiceAccount", RenderedChart.Api).AutomountServiceAccountToken);
        Assert.True(chart.PodSpec(RenderedChart.Operator).AutomountServiceAccountToken);
    }

    [Fact]
    public void Api_resources_are_set_so_the_hpa_has_requests_to_measure_against()
    {
        var resources = RenderedChart.WithDefaults().Container(RenderedChart.Api).Resources;

        Assert.Equal(("250m", "256Mi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString()));
        Assert.Equal(("1", "512Mi"), (resources.Limits["cpu"].ToString(), resources.Limits["memory"].ToString()));
    }
}
