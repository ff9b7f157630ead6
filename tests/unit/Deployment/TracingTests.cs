using System.Text.Json.Nodes;
using BudgetBuddy.Api.Operability;
using BudgetBuddy.TestSupport.Json;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// The API's traces reach X-Ray on EKS: eks/values/production.yaml points the API's OTLP exporter at the ADOT
/// collector of eks/observability/adot-collector.yaml, the NetworkPolicy lets it through, and the collector's traces
/// pipeline ends in X-Ray in the cluster's region.
/// </summary>
public sealed class TracingTests
{
    private const string ManifestPath = "eks/observability/adot-collector.yaml";

    private static readonly IReadOnlyList<JsonNode?> Documents = RepositoryFiles.YamlDocuments(ManifestPath);

    private static readonly JsonNode Production = RepositoryFiles.Yaml("eks/values/production.yaml");

    private static JsonNode Of(string kind) => Assert.Single(Documents, d => (string?)d!["kind"] == kind)!;

    private static JsonNode CollectorConfig => YamlAsJson.Documents((string)Of("ConfigMap")["data"]!["config.yaml"]!).Single()!;

    private static Uri Endpoint => new((string)Production["api"]!["config"]!["otlpEndpoint"]!);

    [Fact]
    public void The_chart_value_becomes_the_variable_the_api_reads()
    {
        var configMap = RepositoryFiles.Text("charts/budgetbuddy/templates/api/configmap.yaml");

        Assert.Contains("with .Values.api.config.otlpEndpoint }}\n  " + TelemetryExtensions.OtlpEndpointKey + ": {{ . | quote }}", configMap, StringComparison.Ordinal);
        Assert.True(ChartFiles.Declares("api.config.otlpEndpoint"));
    }

    [Fact]
    public void Production_points_the_api_at_the_collectors_service_and_grpc_port()
    {
        var service = Of("Service");
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray())!;

        // The .NET exporter speaks OTLP over gRPC unless told otherwise, and the chart does not tell it otherwise.
        Assert.Equal("http", Endpoint.Scheme);
        Assert.Equal($"{service["metadata"]!["name"]}.{service["metadata"]!["namespace"]}.svc", Endpoint.Host);
        Assert.Equal((long)port["port"]!, Endpoint.Port);

        var container = Assert.Single(Of("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!;
        var target = Assert.Single(container["ports"]!.AsArray(), p => (string?)p!["name"] == (string?)port["targetPort"])!;
        var receiver = (string)CollectorConfig["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]!;
        Assert.EndsWith($":{(long)target["containerPort"]!}", receiver, StringComparison.Ordinal);
    }

    [Fact]
    public void The_collectors_traces_pipeline_receives_otlp_and_exports_to_xray_in_the_clusters_region()
    {
        var traces = CollectorConfig["service"]!["pipelines"]!["traces"]!;

        Assert.Equal(["otlp"], DeploymentFiles.Strings(traces["receivers"]));
        Assert.Equal(["awsxray"], DeploymentFiles.Strings(traces["exporters"]));
        Assert.Equal(DeploymentFiles.Region, (string?)CollectorConfig["exporters"]!["awsxray"]!["region"]);
    }

    [Theory]
    [InlineData("traces")]
    [InlineData("metrics")]
    [InlineData("logs")]
    public void The_collector_accepts_every_signal_the_api_exports(string signal)
    {
        // The API exports traces, metrics and logs to one endpoint; a signal without a pipeline is refused.
        Assert.Contains("otlp", DeploymentFiles.Strings(CollectorConfig["service"]!["pipelines"]![signal]?["receivers"]));
    }

    [Fact]
    public void The_api_network_policy_lets_otlp_through_to_the_collector()
    {
        var deployment = Of("Deployment");
        var rule = Assert.Single(Production["networkPolicy"]!["extraEgress"]!.AsArray())!;
        var peer = Assert.Single(rule["to"]!.AsArray())!;

        Assert.Equal((string?)deployment["metadata"]!["namespace"], (string?)peer["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]);
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(peer["podSelector"]!["matchLabels"]!.AsObject(), label => Assert.Equal((string?)label.Value, (string?)podLabels[label.Key]));
        Assert.Equal(Endpoint.Port, (long)Assert.Single(rule["ports"]!.AsArray())!["port"]!);
    }

    [Fact]
    public void The_collector_runs_as_the_ServiceAccount_the_cluster_gives_an_xray_role()
    {
        var spec = Of("Deployment")["spec"]!["template"]!["spec"]!;
        var @namespace = (string)Of("Deployment")["metadata"]!["namespace"]!;

        Assert.NotNull(DeploymentFiles.ServiceAccount((string)spec["serviceAccountName"]!, @namespace));
    }
}
