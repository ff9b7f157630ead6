using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>skaffold.yaml builds the images the chart expects and deploys the chart with values it declares.</summary>
public sealed partial class SkaffoldConfigTests
{
    private static readonly string[] Workloads = ["api", "operator"];
    private static readonly string[] ValueFields = ["setValueTemplates", "setValues"];

    public static TheoryData<string?> Configurations()
    {
        var data = new TheoryData<string?> { (string?)null };
        foreach (var profile in DeploymentFiles.ProfileNames)
        {
            data.Add(profile);
        }
        return data;
    }

    public static TheoryData<string> Profiles() => new(DeploymentFiles.ProfileNames);

    [Fact]
    public void Skaffold_yaml_is_a_v4_config()
    {
        Assert.Matches(@"^skaffold/v4beta\d+$", (string)DeploymentFiles.Skaffold["apiVersion"]!);
        Assert.Equal("Config", (string)DeploymentFiles.Skaffold["kind"]!);
    }

    [Fact]
    public void There_is_a_dev_profile_and_a_production_profile()
    {
        Assert.Contains("dev", DeploymentFiles.ProfileNames);
        Assert.Contains("production", DeploymentFiles.ProfileNames);
    }

    [Fact]
    public void Artifacts_are_the_charts_two_images_built_from_the_Dockerfiles_api_and_operator_targets()
    {
        var artifacts = DeploymentFiles.Skaffold["build"]!["artifacts"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var expected = Workloads.ToDictionary(w => ChartFiles.StringValue($"{w}.image.repository"), w => w);

        Assert.Equal(expected.Keys.Order(), artifacts.Select(a => (string)a["image"]!).Order());
        var stages = Dockerfile.Parse(RepositoryFiles.Text("Dockerfile")).Stages.Select(s => s.Name).ToList();
        foreach (var artifact in artifacts)
        {
            var docker = artifact["docker"]!;
            Assert.Equal(expected[(string)artifact["image"]!], (string)docker["target"]!);
            Assert.Contains((string)docker["target"]!, stages);
            Assert.Equal("Dockerfile", (string?)docker["dockerfile"] ?? "Dockerfile");
            Assert.Equal(".", (string?)artifact["context"] ?? ".");
        }
    }

    [Fact]
    public void Images_are_built_for_linux_arm64_for_graviton_and_for_linux_amd64()
    {
        var platforms = DeploymentFiles.Strings(DeploymentFiles.Skaffold["build"]!["platforms"]);
        Assert.Contains("linux/arm64", platforms);
        Assert.Contains("linux/amd64", platforms);
        Assert.Contains("linux/arm64", DeploymentFiles.Strings(DeploymentFiles.SkaffoldWith("production")["build"]!["platforms"]));
    }

    [Fact]
    public void The_release_deploys_the_chart_folder_whose_Chart_yaml_carries_the_same_name()
    {
        var chartPath = (string)DeploymentFiles.Release(DeploymentFiles.Skaffold)["chartPath"]!;

        Assert.Equal(ChartFiles.ChartPath, chartPath);
        Assert.True(RepositoryFiles.Exists($"{chartPath}/Chart.yaml"), $"{chartPath}/Chart.yaml is missing");
        Assert.Equal(Path.GetFileName(chartPath), ChartFiles.Name);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_value_skaffold_sets_is_one_the_chart_declares(string? profile)
    {
        var release = DeploymentFiles.Release(DeploymentFiles.SkaffoldWith(profile));
        var keys = ValueFields
            .SelectMany(field => release[field]?.AsObject().Select(p => p.Key) ?? [])
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(ChartFiles.Declares(key), $"{key} (profile {profile ?? "none"}) is not in values.yaml"));
    }

    [Fact]
    public void Each_workloads_image_values_come_from_the_artifact_of_the_same_name()
    {
        var templates = DeploymentFiles.Release(DeploymentFiles.Skaffold)["setValueTemplates"]!;
        foreach (var workload in Workloads)
        {
            // skaffold's template names replace the characters Go templates cannot hold with '_'.
            var artifact = Regex.Replace(ChartFiles.StringValue($"{workload}.image.repository"), "[^A-Za-z0-9_]", "_");
            Assert.Equal($"{{{{.IMAGE_REPO_{artifact}}}}}", (string?)templates[$"{workload}.image.repository"]);
            Assert.Equal($"{{{{.IMAGE_TAG_{artifact}}}}}", (string?)templates[$"{workload}.image.tag"]);
            Assert.Equal($"{{{{.IMAGE_DIGEST_{artifact}}}}}", (string?)templates[$"{workload}.image.digest"]);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Each_profiles_values_files_exist_and_hold_only_keys_the_chart_declares(string profile)
    {
        var files = DeploymentFiles.Strings(DeploymentFiles.Release(DeploymentFiles.SkaffoldWith(profile))["valuesFiles"]);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.False(file.StartsWith(ChartFiles.ChartPath, StringComparison.Ordinal), $"{file}: skaffold's values stay out of the chart folder");
            var undeclared = ChartFiles.LeafPaths(RepositoryFiles.Yaml(file)).Where(p => !ChartFiles.Declares(p)).ToList();
            Assert.True(undeclared.Count == 0, $"{file} sets keys values.yaml does not declare: {string.Join(", ", undeclared)}");
        }
    }

    [Fact]
    public void The_dev_profile_builds_for_the_local_clusters_platform_and_points_the_chart_at_its_DynamoDB_Local()
    {
        var dev = DeploymentFiles.SkaffoldWith("dev");
        Assert.Null(dev["build"]!["platforms"]);

        var manifests = DeploymentFiles.Strings(dev["manifests"]!["rawYaml"]).SelectMany(RepositoryFiles.YamlDocuments).ToList();
        var endpoint = new Uri((string)RepositoryFiles.Yaml("eks/values/dev.yaml")["dynamodb"]!["endpoint"]!);
        var service = Assert.Single(manifests, m => (string?)m!["kind"] == "Service" && (string?)m["metadata"]!["name"] == endpoint.Host)!;
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (long)p!["port"]! == endpoint.Port);
        Assert.Equal(DeploymentFiles.ReleaseNamespace, (string?)dev["deploy"]!["kubectl"]!["defaultNamespace"]);
    }

    [Fact]
    public void Production_role_ARNs_name_the_IRSA_roles_eksctl_creates_for_those_service_accounts()
    {
        var templates = DeploymentFiles.Release(DeploymentFiles.SkaffoldWith("production"))["setValueTemplates"]!;
        foreach (var workload in Workloads)
        {
            var account = DeploymentFiles.ServiceAccount(ChartFiles.ServiceAccountName(workload, DeploymentFiles.ReleaseName), DeploymentFiles.ReleaseNamespace);
            Assert.NotNull(account);
            var roleArn = (string?)templates[$"{workload}.serviceAccount.roleArn"];
            Assert.NotNull(roleArn);
            Assert.StartsWith("arn:aws:iam::", roleArn, StringComparison.Ordinal);
            Assert.EndsWith($":role/{(string)account["roleName"]!}", roleArn, StringComparison.Ordinal);
        }
    }

    /// <summary>The environment variables a configuration's templates read, other than skaffold's own IMAGE_* ones.</summary>
    internal static IReadOnlySet<string> EnvironmentVariablesRead(string? profile) =>
        DeploymentFiles.Release(DeploymentFiles.SkaffoldWith(profile))["setValueTemplates"]!.AsObject()
            .SelectMany(p => TemplateField().Matches((string)p.Value!).Select(m => m.Groups["name"].Value))
            .Where(name => !name.StartsWith("IMAGE_", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\.(?<name>[A-Z][A-Z0-9_]*)\b")]
    private static partial Regex TemplateField();
}
