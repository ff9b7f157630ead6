using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>
/// The API and the operator use the same key-encryption key (KEK): a KMS key in production, else a local key that
/// comes from a Secret mounted read-only (never a file an app makes for itself), made once by the chart and kept.
/// </summary>
public sealed partial class EncryptionTests
{
    private const string KekSecret = $"{RenderedChart.Fullname}-kek";
    private const string MountPath = "/var/run/budgetbuddy/kek";
    private const string KeyFile = $"{MountPath}/kek";
    private const string ProductionKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public static TheoryData<string> Scenarios => Rendering.Scenarios.Theory;

    public static TheoryData<string> Workloads => new() { RenderedChart.Api, RenderedChart.Operator };

    private static Dictionary<string, string> EncryptionEnv(V1Container container) =>
        container.Env.Where(e => e.Name.StartsWith("Encryption__", StringComparison.Ordinal)).ToDictionary(e => e.Name, e => e.Value);

    private static IReadOnlyList<string> Deployments(RenderedChart chart) => [.. chart.OfKind("Deployment").Select(m => m.Name)];

    /// <summary>The local KEK a Secret's data holds: the base64 text of the key, as the apps read it from the file.</summary>
    private static byte[] Key(V1Secret secret) => Convert.FromBase64String(Encoding.ASCII.GetString(secret.Data["kek"]));

    [Fact]
    public void By_default_the_chart_creates_a_secret_holding_32_random_bytes_that_uninstall_keeps()
    {
        var secret = RenderedChart.WithDefaults().Get<V1Secret>("Secret", KekSecret);

        Assert.Equal(32, Key(secret).Length);
        Assert.Equal("keep", secret.Metadata.Annotations["helm.sh/resource-policy"]);
        Assert.Equal(RenderedChart.Namespace, secret.Metadata.NamespaceProperty);
    }

    [Fact]
    public void The_generated_key_is_random_not_a_constant_of_the_chart()
    {
        var first = RenderedChart.WithDefaults().Get<V1Secret>("Secret", KekSecret);
        var second = RenderedChart.WithDefaults("commonLabels.render=second").Get<V1Secret>("Secret", KekSecret);

        Assert.NotEqual(Key(first), Key(second));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void By_default_both_workloads_read_the_key_file_from_that_secret_mounted_read_only(string deployment)
    {
        var spec = RenderedChart.WithDefaults().PodSpec(deployment);
        var container = spec.Containers.Single();

        var volume = Assert.Single(spec.Volumes, v => v.Secret is not null);
        Assert.Equal(KekSecret, volume.Secret.SecretName);
        var item = Assert.Single(volume.Secret.Items);
        Assert.Equal(("kek", "kek"), (item.Key, item.Path));
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == volume.Name);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(KeyFile, $"{mount.MountPath}/{item.Path}");
        // No Encryption__KmsKeyId: its presence alone switches the operator CLI to KMS.
        Assert.Equal(new Dictionary<string, string> { ["Encryption__KeyProvider"] = "Local", ["Encryption__LocalKeyFile"] = KeyFile }, EncryptionEnv(container));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_deployment_of_a_scenario_gets_the_same_kek_settings_and_mount(string scenario)
    {
        var chart = RenderedChart.ForScenario(scenario);
        var deployments = Deployments(chart);

        Assert.True(deployments.Count >= 2, "the API (or its two colors) and the operator");
        var settings = deployments.Select(d =>
        {
            var spec = chart.PodSpec(d);
            var env = EncryptionEnv(spec.Containers.Single());
            var secretVolumes = spec.Volumes.Where(v => v.Secret is not null).Select(v => $"{v.Secret.SecretName}:{string.Join(',', v.Secret.Items.Select(i => i.Key))}");
            var readOnlyMounts = spec.Containers.Single().VolumeMounts.Where(m => m.ReadOnlyProperty == true).Select(m => m.MountPath);
            return string.Join(';', env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}").Concat(secretVolumes).Concat(readOnlyMounts));
        }).ToList();
        Assert.NotEmpty(settings[0]);
        Assert.All(settings, s => Assert.Equal(settings[0], s));
    }

    [Fact]
    public void Blue_and_green_read_the_same_key_as_the_operator()
    {
        var chart = RenderedChart.ForScenario("blue-green-values.yaml");

        foreach (var deployment in new[] { $"{RenderedChart.Api}-blue", $"{RenderedChart.Api}-green", RenderedChart.Operator })
        {
            Assert.Equal(KeyFile, EncryptionEnv(chart.Container(deployment))["Encryption__LocalKeyFile"]);
            Assert.Equal(KekSecret, Assert.Single(chart.PodSpec(deployment).Volumes, v => v.Secret is not null).Secret.SecretName);
        }
    }

    [Fact]
    public void With_kms_both_workloads_get_the_key_arn_and_nothing_is_created_or_mounted()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml");

        Assert.Empty(chart.OfKind("Secret"));
        foreach (var deployment in Deployments(chart))
        {
            var spec = chart.PodSpec(deployment);
            Assert.Equal(new Dictionary<string, string> { ["Encryption__KeyProvider"] = "Kms", ["Encryption__KmsKeyId"] = ProductionKeyArn }, EncryptionEnv(spec.Containers.Single()));
            Assert.DoesNotContain(spec.Volumes, v => v.Secret is not null);
            Assert.Equal(["/tmp"], spec.Containers.Single().VolumeMounts.Select(m => m.MountPath));
        }
    }

    [Fact]
    public void An_existing_secret_is_mounted_and_the_chart_creates_none()
    {
        var chart = RenderedChart.ForScenario("existing-kek-secret-values.yaml");

        Assert.Empty(chart.OfKind("Secret"));
        foreach (var deployment in Deployments(chart))
        {
            var spec = chart.PodSpec(deployment);
            Assert.Equal("budgetbuddy-kek", Assert.Single(spec.Volumes, v => v.Secret is not null).Secret.SecretName);
            Assert.Equal(KeyFile, EncryptionEnv(spec.Containers.Single())["Encryption__LocalKeyFile"]);
        }
    }

    [Fact]
    public void Every_variable_the_chart_sets_is_a_setting_the_apps_and_the_operator_cli_read()
    {
        var settings = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "TenantContracts", "Keys", "KeyEncryptionKeyOptions.cs"));
        var cli = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Operator", "Cli", "CliOptions.cs"));
        var properties = SettingsProperty().Matches(settings).Select(m => m.Groups[1].Value).ToHashSet();
        var names = new[] { RenderedChart.WithDefaults(), RenderedChart.ForScenario("production-values.yaml") }
            .SelectMany(chart => EncryptionEnv(chart.Container(RenderedChart.Operator)).Keys).ToHashSet();

        Assert.Contains("public const string Section = \"Encryption\";", settings, StringComparison.Ordinal);
        Assert.Equal(3, names.Count);
        Assert.All(names, name => Assert.Contains(name["Encryption__".Length..], properties));
        Assert.Contains("GetEnvironmentVariable(\"Encryption__KmsKeyId\")", cli, StringComparison.Ordinal);
        Assert.Contains("GetEnvironmentVariable(\"Encryption__LocalKeyFile\")", cli, StringComparison.Ordinal);
    }

    // What lookup makes of the cluster: a fake API server answers it (helm template --dry-run=server).

    private static JsonObject ExistingKekSecret(JsonObject data) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = KekSecret,
            ["namespace"] = RenderedChart.Namespace,
            // What Helm writes on the objects it installs: the release may take the Secret over again.
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "Helm" },
            ["annotations"] = new JsonObject { ["meta.helm.sh/release-name"] = RenderedChart.Release, ["meta.helm.sh/release-namespace"] = RenderedChart.Namespace },
        },
        ["type"] = "Opaque",
        ["data"] = data,
    };

    private static void AssertRefused(CommandResult result, string expected)
    {
        Assert.False(result.Succeeded, $"{result.Command} succeeded");
        Assert.Contains(expected, result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_install_against_a_cluster_creates_the_key()
    {
        await using var cluster = await FakeCluster.StartAsync();

        var chart = RenderedChart.Parse(cluster.Template().EnsureSuccess().Stdout);

        Assert.Equal(32, Key(chart.Get<V1Secret>("Secret", KekSecret)).Length);
    }

    [Fact]
    public async Task An_upgrade_reads_the_key_back_instead_of_making_a_new_one()
    {
        var existing = Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())));
        await using var cluster = await FakeCluster.StartAsync(ExistingKekSecret(new JsonObject { ["kek"] = existing }));

        var chart = RenderedChart.Parse(cluster.Template().EnsureSuccess().Stdout);

        var secret = chart.Get<V1Secret>("Secret", KekSecret);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), Key(secret));
        Assert.Equal("keep", secret.Metadata.Annotations["helm.sh/resource-policy"]);
    }

    [Fact]
    public async Task A_kek_secret_that_lost_its_key_is_not_refilled_with_a_new_one()
    {
        await using var cluster = await FakeCluster.StartAsync(ExistingKekSecret(new JsonObject { ["other"] = "eA==" }));

        AssertRefused(cluster.Template(), $"Secret {RenderedChart.Namespace}/{KekSecret} exists but holds no key `kek`");
    }

    [Fact]
    public async Task A_kek_secret_deleted_while_the_operator_mounts_it_is_not_made_anew()
    {
        var operatorDeployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = RenderedChart.Operator, ["namespace"] = RenderedChart.Namespace },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(),
                        ["volumes"] = new JsonArray(
                            new JsonObject { ["name"] = "tmp", ["emptyDir"] = new JsonObject() },
                            new JsonObject { ["name"] = "kek", ["secret"] = new JsonObject { ["secretName"] = KekSecret } }),
                    },
                },
            },
        };
        await using var cluster = await FakeCluster.StartAsync(operatorDeployment);

        AssertRefused(cluster.Template(), "the KEK the running operator mounts, is gone");
    }

    [GeneratedRegex(@"public string\?? (\w+) \{ get; set; \}")]
    private static partial Regex SettingsProperty();
}
