using BudgetBuddy.ChartTests.Rendering;
using BudgetBuddy.ChartTests.Validation;

namespace BudgetBuddy.ChartTests;

/// <summary>The validator the conformance tests rely on does reject what the API server would reject.</summary>
public sealed class ManifestValidatorTests
{
    private static IReadOnlyList<string> Validate(string yaml) => ManifestValidator.Validate(Assert.Single(RenderedChart.Parse(yaml).Manifests));

    [Fact]
    public void A_valid_deployment_passes()
    {
        Assert.Empty(Validate("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ok
            spec:
              replicas: 2
              selector:
                matchLabels: {app: ok}
              template:
                metadata:
                  labels: {app: ok}
                spec:
                  containers:
                    - name: ok
                      image: ok:1
            """));
    }

    [Fact]
    public void A_misspelt_field_in_a_built_in_kind_is_rejected()
    {
        var problems = Validate("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: typo
            spec:
              replica: 2
            """);

        Assert.Contains(problems, p => p.Contains("'replica' not found", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_field_deep_in_a_pod_template_is_rejected()
    {
        var problems = Validate("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: typo
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: api:1
                      securityContext:
                        readOnlyRootFileSystem: true
            """);

        Assert.Contains(problems, p => p.Contains("'readOnlyRootFileSystem' not found", StringComparison.Ordinal));
    }

    [Fact]
    public void A_string_where_the_API_wants_a_number_is_rejected()
    {
        var problems = Validate("""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: wrong-type
            spec:
              maxReplicas: twenty
            """);

        Assert.Contains(problems, p => p.Contains("'twenty'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_kind_is_rejected()
    {
        Assert.NotEmpty(Validate("""
            apiVersion: apps/v1
            kind: Deploymnet
            metadata:
              name: typo
            """));
    }

    [Fact]
    public void A_misspelt_field_in_a_ServiceMonitor_is_rejected()
    {
        var problems = Validate("""
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: typo
            spec:
              selector: {}
              endpoints:
                - port: http
                  intervall: 30s
            """);

        Assert.Contains(problems, p => p.Contains("intervall", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_metadata_field_of_a_custom_resource_is_rejected()
    {
        var problems = Validate("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: typo
              lables: {a: b}
            spec:
              groups: []
            """);

        Assert.Contains(problems, p => p.Contains("'lables' not found", StringComparison.Ordinal));
    }

    [Fact]
    public void A_PrometheusRule_with_a_number_where_a_duration_string_goes_is_rejected()
    {
        var problems = Validate("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: wrong-type
            spec:
              groups:
                - name: g
                  rules:
                    - alert: A
                      expr: up == 0
                      for: 5
            """);

        Assert.NotEmpty(problems);
    }
}
