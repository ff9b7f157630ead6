using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// eks/karpenter/nodepool.yaml adds nodes the chart's pods can run on (arm64, the cluster's three zones), enough of
/// them for the API at its HPA maximum, and finds the subnets, security groups and instance profile eksctl makes.
/// </summary>
public sealed partial class KarpenterNodePoolTests
{
    private const string ManifestPath = "eks/karpenter/nodepool.yaml";

    private static readonly IReadOnlyList<JsonNode?> Documents = RepositoryFiles.YamlDocuments(ManifestPath);

    private static JsonNode Of(string kind) => Assert.Single(Documents, d => (string?)d!["kind"] == kind)!;

    private static JsonNode NodePool => Of("NodePool");

    private static JsonNode NodeClass => Of("EC2NodeClass");

    private static string ClusterName => (string)DeploymentFiles.Cluster["metadata"]!["name"]!;

    private static IReadOnlyList<string> Requirement(string key) =>
        DeploymentFiles.Strings(Assert.Single(NodePool["spec"]!["template"]!["spec"]!["requirements"]!.AsArray(), r => (string?)r!["key"] == key)!["values"]);

    [Fact]
    public void Nodes_have_the_architecture_the_chart_requires()
    {
        Assert.Equal(DeploymentFiles.Strings(ChartFiles.ValueAt("scheduling.architectures")), Requirement("kubernetes.io/arch"));
    }

    [Fact]
    public void Nodes_go_into_exactly_the_three_zones_of_the_cluster()
    {
        Assert.Equal(DeploymentFiles.AvailabilityZones.Order(), Requirement("topology.kubernetes.io/zone").Order());
    }

    [Fact]
    public void The_pool_holds_every_api_pod_at_the_hpa_maximum_and_the_operator_at_their_limits()
    {
        var api = ChartFiles.ValueAt("api.resources.limits")!;
        var @operator = ChartFiles.ValueAt("operator.resources.limits")!;
        var apiPods = ChartFiles.ValueAt("api.autoscaling.maxReplicas")!.GetValue<long>();
        var operatorPods = ChartFiles.ValueAt("operator.replicaCount")!.GetValue<long>();
        var limits = NodePool["spec"]!["limits"]!;

        Assert.Equal(20, apiPods);
        var cpu = apiPods * Quantity((string)api["cpu"]!) + operatorPods * Quantity((string)@operator["cpu"]!);
        var memory = apiPods * Quantity((string)api["memory"]!) + operatorPods * Quantity((string)@operator["memory"]!);
        Assert.True(Quantity((string)limits["cpu"]!) >= cpu, $"the pool's {limits["cpu"]} CPUs are fewer than the {cpu} the pods may use");
        Assert.True(Quantity((string)limits["memory"]!) >= memory, $"the pool's {limits["memory"]} is less than the {memory} bytes the pods may use");
    }

    [Fact]
    public void Idle_nodes_are_consolidated_away()
    {
        Assert.Equal("WhenEmptyOrUnderutilized", (string?)NodePool["spec"]!["disruption"]!["consolidationPolicy"]);
    }

    [Fact]
    public void The_node_class_finds_what_eksctl_makes_for_this_cluster()
    {
        Assert.Equal(ClusterName, (string?)DeploymentFiles.Cluster["metadata"]!["tags"]!["karpenter.sh/discovery"]);
        Assert.NotNull(DeploymentFiles.Cluster["karpenter"]);
        foreach (var terms in new[] { "subnetSelectorTerms", "securityGroupSelectorTerms" })
        {
            var term = Assert.Single(NodeClass["spec"]![terms]!.AsArray())!;
            Assert.Equal(ClusterName, (string?)term["tags"]!["karpenter.sh/discovery"]);
        }
        Assert.Equal($"eksctl-KarpenterNodeInstanceProfile-{ClusterName}", (string?)NodeClass["spec"]!["instanceProfile"]);

        // With access entries only, a node joins only if its role has one.
        var entries = DeploymentFiles.Cluster["accessConfig"]!["accessEntries"]!.AsArray();
        Assert.Contains(entries, e => (string?)e!["principalARN"] == $"arn:aws:iam::${{AWS_ACCOUNT_ID}}:role/eksctl-KarpenterNodeRole-{ClusterName}" && (string?)e["type"] == "EC2_LINUX");
    }

    [Fact]
    public void Pods_on_its_nodes_cannot_reach_instance_metadata_as_on_the_managed_node_groups()
    {
        Assert.All(DeploymentFiles.Cluster["managedNodeGroups"]!.AsArray(), g => Assert.True((bool)g!["disablePodIMDS"]!));
        var metadata = NodeClass["spec"]!["metadataOptions"]!;
        Assert.Equal("required", (string?)metadata["httpTokens"]);
        Assert.Equal(1, (long)metadata["httpPutResponseHopLimit"]!);
    }

    [Fact]
    public void The_guide_applies_the_manifest_and_deletes_it_before_the_cluster()
    {
        var guide = RepositoryFiles.Text("eks/README.md");
        var apply = guide.IndexOf($"kubectl apply -f {ManifestPath}", StringComparison.Ordinal);
        var delete = guide.IndexOf($"kubectl delete -f {ManifestPath}", StringComparison.Ordinal);

        Assert.True(apply >= 0 && delete > apply, "the guide applies the NodePool, then deletes it in the teardown");
        Assert.True(delete < guide.IndexOf("eksctl delete cluster", StringComparison.Ordinal), "Karpenter's nodes outlive a cluster deleted first");
    }

    /// <summary>A Kubernetes quantity (<c>250m</c>, <c>1</c>, <c>512Mi</c>, <c>96Gi</c>) as a number of cores or bytes.</summary>
    private static double Quantity(string text)
    {
        var match = QuantityPattern().Match(text);
        Assert.True(match.Success, $"{text} is not a quantity this test reads");
        var number = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        return number * match.Groups["suffix"].Value switch
        {
            "" => 1,
            "m" => 0.001,
            "Mi" => 1024d * 1024,
            "Gi" => 1024d * 1024 * 1024,
            var other => throw new NotSupportedException(other),
        };
    }

    [GeneratedRegex(@"^(?<number>[0-9.]+)(?<suffix>m|Mi|Gi)?$")]
    private static partial Regex QuantityPattern();
}
