using System.Text.Json.Nodes;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>eks/examples/tenant.yaml is a resource the chart's CRD accepts as it stands.</summary>
public sealed class TenantExampleTests
{
    private const string ExamplePath = "eks/examples/tenant.yaml";

    private static readonly JsonNode Crd = RepositoryFiles.Yaml($"{ChartFiles.ChartPath}/crds/{TenantResource.CrdName}.yaml");
    private static readonly JsonNode Tenant = RepositoryFiles.Yaml(ExamplePath);

    private static JsonNode ServedVersion => Crd["spec"]!["versions"]!.AsArray().Single(v => (bool)v!["served"]! && (bool)v["storage"]!)!;

    private static JsonNode Schema => ServedVersion["schema"]!["openAPIV3Schema"]!;

    [Fact]
    public void The_example_is_a_BudgetBuddyTenant_of_the_version_the_CRD_serves()
    {
        Assert.Equal($"{(string)Crd["spec"]!["group"]!}/{(string)ServedVersion["name"]!}", (string)Tenant["apiVersion"]!);
        Assert.Equal((string)Crd["spec"]!["names"]!["kind"]!, (string)Tenant["kind"]!);
        Assert.Equal(TenantResource.ApiVersion, (string)Tenant["apiVersion"]!);
    }

    [Fact]
    public void The_example_name_is_a_valid_tenant_id_in_the_release_namespace()
    {
        Assert.True(TenantId.IsValid((string?)Tenant["metadata"]!["name"]));
        Assert.Equal(DeploymentFiles.ReleaseNamespace, (string?)Tenant["metadata"]!["namespace"]);
    }

    [Fact]
    public void The_example_validates_against_the_CRDs_schema()
    {
        Assert.Empty(StructuralSchemaCheck.Problems(Schema, Tenant));
    }

    [Fact]
    public void The_schema_check_catches_unknown_fields_wrong_types_and_values_outside_an_enum()
    {
        var broken = Tenant.DeepClone();
        broken["spec"]!["storage"]!["billingMode"] = "ON_DEMAND";
        broken["spec"]!["plan"]!["requestsPerMinute"] = "lots";
        broken["spec"]!["colour"] = "blue";

        var problems = StructuralSchemaCheck.Problems(Schema, broken);

        Assert.Contains(problems, p => p.StartsWith(".spec.storage.billingMode:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(".spec.plan.requestsPerMinute:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(".spec.colour:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_satisfies_every_validation_rule_of_the_CRD()
    {
        var rules = new List<string>();
        CollectRules(Schema, rules);
        var storage = Tenant["spec"]!["storage"];
        var name = (string)Tenant["metadata"]!["name"]!;

        // CEL is not evaluated here: each rule the CRD has is restated below, and a new rule fails until it is.
        var restated = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["size(self.metadata.name) >= 3 && size(self.metadata.name) <= 40"] = name.Length is >= 3 and <= 40,
            ["self.billingMode != 'PROVISIONED' || (has(self.readCapacity) && has(self.writeCapacity))"] =
                (string?)storage?["billingMode"] != "PROVISIONED" || (storage?["readCapacity"] is not null && storage?["writeCapacity"] is not null),
        };
        Assert.All(rules, rule => Assert.True(restated.TryGetValue(rule, out var holds) && holds, $"rule not restated or not met: {rule}"));
    }

    private static void CollectRules(JsonNode? schema, List<string> rules)
    {
        if (schema is not JsonObject node)
        {
            return;
        }
        rules.AddRange(node["x-kubernetes-validations"]?.AsArray().Select(r => (string)r!["rule"]!) ?? []);
        foreach (var child in node["properties"]?.AsObject().Select(p => p.Value) ?? [])
        {
            CollectRules(child, rules);
        }
        CollectRules(node["items"], rules);
        CollectRules(node["additionalProperties"], rules);
    }
}
