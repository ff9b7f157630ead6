using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>The commands of eks/README.md use the names the files define, so following the guide works.</summary>
public sealed partial class InstallGuideTests
{
    private const string GuidePath = "eks/README.md";

    private static readonly string[] PolicyFiles = ["eks/iam/api-policy.json", "eks/iam/operator-policy.json"];

    private static readonly string Guide = RepositoryFiles.Text(GuidePath);

    private static HashSet<string> Exported =>
        ExportLine().Matches(Guide).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("eks/cluster.yaml")]
    [InlineData("eks/iam/api-policy.json")]
    [InlineData("eks/iam/operator-policy.json")]
    [InlineData("eks/iam/external-dns-policy.json")]
    [InlineData("eks/iam/fluent-bit-policy.json")]
    [InlineData("eks/iam/firehose-archive-policy.json")]
    [InlineData("eks/logging/firehose-trust-policy.json")]
    [InlineData("eks/logging/firehose-delivery-stream.json")]
    public void Every_placeholder_of_the_file_is_exported_by_the_guide_and_named_in_its_envsubst_call(string path)
    {
        var placeholders = Placeholder().Matches(RepositoryFiles.Text(path)).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var envsubst = Regex.Matches(Guide, $@"envsubst '(?<names>[^']*)' < (?:""\$f""|{Regex.Escape(path)})")
            .SelectMany(m => Placeholder().Matches(m.Groups["names"].Value).Select(p => p.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

        // Every file holds at least the account; one without placeholders would be account-specific or broken.
        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, name =>
        {
            Assert.True(Exported.Contains(name), $"{path} uses ${{{name}}} but {GuidePath} never exports it");
            Assert.True(envsubst.Contains(name), $"{path} uses ${{{name}}} but the guide's envsubst for it leaves it in");
        });
    }

    [Fact]
    public void The_guide_creates_every_policy_the_cluster_attaches_from_the_file_of_the_same_workload()
    {
        var created = CreatePolicy().Matches(Guide).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["file"].Value, StringComparer.Ordinal);
        var attached = DeploymentFiles.ServiceAccounts
            .SelectMany(s => DeploymentFiles.Strings(s["attachPolicyARNs"]))
            .Where(arn => arn.StartsWith("arn:aws:iam::${AWS_ACCOUNT_ID}:policy/", StringComparison.Ordinal))
            .Select(arn => arn[(arn.LastIndexOf('/') + 1)..])
            .ToList();

        Assert.NotEmpty(attached);
        Assert.All(attached, policy =>
        {
            Assert.True(created.TryGetValue(policy, out var file), $"cluster.yaml attaches {policy}, which the guide never creates");
            // budgetbuddy-<workload> is made from <workload>-policy.json; the workload may itself hold a dash (external-dns).
            var workload = policy[(policy.IndexOf('-', StringComparison.Ordinal) + 1)..];
            Assert.Equal($"{workload}-policy.json", file);
            Assert.True(RepositoryFiles.Exists($"eks/iam/{file}"));
        });
    }

    [Fact]
    public void The_guide_installs_the_chart_as_the_release_and_namespace_the_IRSA_roles_trust()
    {
        var install = HelmInstall().Match(Guide);
        Assert.True(install.Success, "no `helm upgrade --install <release> charts/budgetbuddy --namespace <ns>` in the guide");
        Assert.Equal(DeploymentFiles.ReleaseName, install.Groups["release"].Value);
        Assert.Equal(DeploymentFiles.ReleaseNamespace, install.Groups["namespace"].Value);
        Assert.Contains("-f eks/values/production.yaml", Guide, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guide_waits_for_the_example_tenant_to_become_Ready()
    {
        var name = (string)RepositoryFiles.Yaml("eks/examples/tenant.yaml")["metadata"]!["name"]!;
        Assert.Contains("kubectl apply -f eks/examples/tenant.yaml", Guide, StringComparison.Ordinal);
        Assert.Contains($"kubectl wait --for=condition=Ready bbt/{name}", Guide, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guide_exports_every_variable_the_production_profile_reads()
    {
        var read = SkaffoldConfigTests.EnvironmentVariablesRead("production");
        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.True(Exported.Contains(name), $"skaffold's production profile reads {name}; the guide never exports it"));
    }

    [Fact]
    public void Production_wraps_data_keys_with_the_same_KMS_key_both_policies_name()
    {
        Assert.Equal("kms", (string?)RepositoryFiles.Yaml("eks/values/production.yaml")["encryption"]?["provider"]);

        // One variable, KEK_KEY_ARN, fills the policies' KMS resource, the guide's helm install and skaffold's profile.
        var kmsStatements = PolicyFiles
            .SelectMany(path => RepositoryFiles.Json(path)["Statement"]!.AsArray())
            .Where(s => s!["Action"]!.AsArray().Any(a => ((string)a!).StartsWith("kms:", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(kmsStatements);
        Assert.All(kmsStatements, s => Assert.Equal("${KEK_KEY_ARN}", (string?)s!["Resource"]));
        Assert.Contains("--set encryption.kmsKeyArn=\"$KEK_KEY_ARN\"", Guide, StringComparison.Ordinal);
        var template = (string?)DeploymentFiles.Release(DeploymentFiles.SkaffoldWith("production"))["setValueTemplates"]!["encryption.kmsKeyArn"];
        Assert.EndsWith("{{.KEK_KEY_ARN}}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_repository_file_the_guide_names_exists()
    {
        var named = RepositoryPath().Matches(Guide).Select(m => m.Value)
            .Concat(MarkdownLink().Matches(Guide).Select(m => Path.GetRelativePath(RepositoryFiles.Root, RepositoryFiles.PathOf($"eks/{m.Groups["target"].Value}")).Replace('\\', '/')))
            .Distinct()
            .ToList();

        Assert.True(named.Count >= 20, $"found only {named.Count} file names in {GuidePath}");
        Assert.All(named, path => Assert.True(RepositoryFiles.Exists(path), $"{GuidePath} names {path}, which does not exist"));
    }

    [Fact]
    public void Every_policy_the_guide_creates_is_filled_by_its_envsubst_loop()
    {
        // The loop of step 4 fills the IAM policies and the Firehose files by glob; a file the glob picks up by
        // accident (or misses) shows here.
        var loop = Regex.Match(Guide, @"for f in (?<globs>[^;]+); do\s+envsubst");
        Assert.True(loop.Success, "no envsubst loop in the guide");
        var files = loop.Groups["globs"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(glob => Directory.GetFiles(RepositoryFiles.PathOf(Path.GetDirectoryName(glob)!), Path.GetFileName(glob)))
            .ToList();

        Assert.True(files.Count >= 8, $"the loop matches only {files.Count} files");
        Assert.All(files, file => Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))));
        Assert.All(CreatePolicy().Matches(Guide).Select(m => m.Groups["file"].Value),
            file => Assert.Contains(files, f => Path.GetFileName(f) == file));
    }

    // Files of eks/, docs/ and charts/ as commands and prose name them from the repository root; not the rendered
    // copies under .data/, not globs, not Helm chart references such as eks/aws-load-balancer-controller.
    [GeneratedRegex(@"(?<=^|[\s`'""(=]|file://)(?:eks|docs|charts)/[\w./-]*\.(?:json|ya?ml|md|sh)\b", RegexOptions.Multiline)]
    private static partial Regex RepositoryPath();

    // Relative links of the guide, which lives in eks/.
    [GeneratedRegex(@"\]\((?<target>(?!https?:)[^)#]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^export (?<name>[A-Z_][A-Z0-9_]*)=", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"aws iam create-policy --policy-name (?<name>\S+) --policy-document file://\S*/(?<file>[\w-]+\.json)")]
    private static partial Regex CreatePolicy();

    [GeneratedRegex(@"helm upgrade --install (?<release>\S+) charts/budgetbuddy --namespace (?<namespace>\S+)")]
    private static partial Regex HelmInstall();
}
