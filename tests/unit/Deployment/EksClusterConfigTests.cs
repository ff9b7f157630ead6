using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>eks/cluster.yaml gives the chart what it assumes: three zones, arm64 nodes, IRSA roles for its ServiceAccounts.</summary>
public sealed partial class EksClusterConfigTests
{
    private static readonly string[] NodeGroupKinds = ["managedNodeGroups", "nodeGroups"];

    private static JsonNode Cluster => DeploymentFiles.Cluster;

    private static IEnumerable<JsonObject> NodeGroups =>
        NodeGroupKinds.SelectMany(kind => Cluster[kind]?.AsArray().Select(g => g!.AsObject()) ?? []);

    [Fact]
    public void The_file_is_an_eksctl_ClusterConfig()
    {
        Assert.Equal("eksctl.io/v1alpha5", (string)Cluster["apiVersion"]!);
        Assert.Equal("ClusterConfig", (string)Cluster["kind"]!);
    }

    [Fact]
    public void The_cluster_spans_exactly_three_availability_zones_of_its_region()
    {
        var zones = DeploymentFiles.AvailabilityZones;

        Assert.Equal(3, zones.Count);
        Assert.Equal(3, zones.Distinct().Count());
        Assert.All(zones, zone => Assert.Matches($"^{Regex.Escape(DeploymentFiles.Region)}[a-z]$", zone));
    }

    [Fact]
    public void The_cluster_runs_in_the_region_of_the_charts_DynamoDB_tables()
    {
        Assert.Equal(ChartFiles.StringValue("dynamodb.region"), DeploymentFiles.Region);
    }

    [Fact]
    public void Node_groups_stay_inside_the_clusters_zones_and_together_cover_all_three()
    {
        var groups = NodeGroups.ToList();
        Assert.NotEmpty(groups);

        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            // A group without its own list uses every zone of the cluster.
            var zones = DeploymentFiles.Strings(group["availabilityZones"]) is { Count: > 0 } own ? own : DeploymentFiles.AvailabilityZones;
            Assert.All(zones, zone => Assert.Contains(zone, DeploymentFiles.AvailabilityZones));
            covered.UnionWith(zones);
        }
        Assert.Equal(DeploymentFiles.AvailabilityZones.Order(), covered.Order());
    }

    [Fact]
    public void Every_node_group_runs_graviton_instance_types_on_Amazon_Linux_2023()
    {
        Assert.NotEmpty(NodeGroups);
        foreach (var group in NodeGroups)
        {
            var types = DeploymentFiles.Strings(group["instanceTypes"]).Concat(group["instanceType"] is { } one ? [(string)one!] : []).ToList();
            Assert.NotEmpty(types);
            Assert.All(types, type => Assert.True(Graviton().IsMatch(type), $"{group["name"]}: {type} is not a Graviton (arm64) type"));
            Assert.Equal("AmazonLinux2023", (string?)group["amiFamily"]);
        }
    }

    [Fact]
    public void The_chart_schedules_onto_arm64_the_architecture_every_node_group_provides()
    {
        Assert.Equal(["arm64"], DeploymentFiles.Strings(ChartFiles.ValueAt("scheduling.architectures")));
    }

    [Fact]
    public void IRSA_roles_exist_for_the_service_accounts_the_chart_creates_for_the_api_and_the_operator()
    {
        Assert.True((bool?)Cluster["iam"]!["withOIDC"], "IRSA needs the cluster's OIDC provider (iam.withOIDC)");
        foreach (var workload in new[] { "api", "operator" })
        {
            var name = ChartFiles.ServiceAccountName(workload, DeploymentFiles.ReleaseName);
            var account = DeploymentFiles.ServiceAccount(name, DeploymentFiles.ReleaseNamespace);
            Assert.True(account is not null, $"no iam.serviceAccounts entry for {DeploymentFiles.ReleaseNamespace}/{name}");

            // The chart creates and annotates the ServiceAccount; eksctl must only make the role it trusts.
            Assert.True((bool?)ChartFiles.ValueAt($"{workload}.serviceAccount.create"));
            Assert.True((bool?)account["roleOnly"]);
            Assert.False(string.IsNullOrEmpty((string?)account["roleName"]), $"{name}: a fixed roleName gives the chart a predictable role ARN");
            Assert.NotEmpty(DeploymentFiles.Strings(account["attachPolicyARNs"]));
        }
    }

    [Fact]
    public void The_load_balancer_controller_gets_its_role_because_the_chart_ingress_is_an_alb()
    {
        Assert.Equal("alb", ChartFiles.StringValue("ingress.className"));
        var controller = DeploymentFiles.ServiceAccount("aws-load-balancer-controller", "kube-system");
        Assert.NotNull(controller);
        Assert.True((bool?)controller["wellKnownPolicies"]?["awsLoadBalancerController"]);
    }

    [Fact]
    public void Add_ons_include_pod_networking_dns_and_the_metrics_api_the_charts_autoscaler_reads()
    {
        var addons = Cluster["addons"]!.AsArray().Select(a => (string)a!["name"]!).ToList();
        Assert.Subset(addons.ToHashSet(StringComparer.Ordinal), new HashSet<string>(["vpc-cni", "coredns", "kube-proxy"], StringComparer.Ordinal));
        if ((bool?)ChartFiles.ValueAt("api.autoscaling.enabled") == true)
        {
            Assert.Contains("metrics-server", addons);
        }
    }

    [Fact]
    public void Network_policies_enabled_in_production_are_enforced_and_admit_the_VPC_the_ALB_lives_in()
    {
        var production = RepositoryFiles.Yaml("eks/values/production.yaml");
        Assert.True((bool?)production["networkPolicy"]?["enabled"], "eks/values/production.yaml is expected to turn NetworkPolicies on");

        var cni = Cluster["addons"]!.AsArray().Single(a => (string?)a!["name"] == "vpc-cni")!;
        var configuration = JsonNode.Parse((string)cni["configurationValues"]!)!;
        Assert.Equal("true", (string?)configuration["enableNetworkPolicy"]);
        Assert.Contains((string)Cluster["vpc"]!["cidr"]!, DeploymentFiles.Strings(production["networkPolicy"]!["apiIngressCidrs"]));
    }

    // Graviton types put a 'g' right after the generation digit (m7g, c7gn, r8g, im4gn, x2gd); the one older arm64
    // family, a1, is first-generation Graviton and too small to matter. No x86 type has that shape.
    [GeneratedRegex(@"^[a-z]+[0-9]+g[a-z]*\.[0-9a-z]+$")]
    private static partial Regex Graviton();
}
