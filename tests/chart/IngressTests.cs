using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>The API behind an ALB of the AWS Load Balancer Controller: HTTPS with TLS 1.2+, WAF, readiness health checks.</summary>
public sealed class IngressTests
{
    private static V1Ingress Ingress(RenderedChart chart) => chart.Get<V1Ingress>("Ingress", RenderedChart.Api);

    [Fact]
    public void There_is_no_ingress_by_default()
    {
        Assert.Empty(RenderedChart.WithDefaults().OfKind("Ingress"));
    }

    [Fact]
    public void The_alb_serves_https_only_with_a_tls_1_2_or_newer_policy_and_the_certificate()
    {
        var annotations = Ingress(RenderedChart.ForScenario("production-values.yaml")).Metadata.Annotations;

        Assert.Equal("arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555", annotations["alb.ingress.kubernetes.io/certificate-arn"]);
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-2021-06", annotations["alb.ingress.kubernetes.io/ssl-policy"]);
        Assert.Equal("[{\"HTTP\": 80}, {\"HTTPS\": 443}]", annotations["alb.ingress.kubernetes.io/listen-ports"]);
        Assert.Equal("443", annotations["alb.ingress.kubernetes.io/ssl-redirect"]);
        Assert.Equal("routing.http.drop_invalid_header_fields.enabled=true", annotations["alb.ingress.kubernetes.io/load-balancer-attributes"]);
    }

    [Fact]
    public void The_alb_targets_pods_and_health_checks_their_readiness()
    {
        var annotations = Ingress(RenderedChart.ForScenario("production-values.yaml")).Metadata.Annotations;

        Assert.Equal("ip", annotations["alb.ingress.kubernetes.io/target-type"]);
        Assert.Equal("internet-facing", annotations["alb.ingress.kubernetes.io/scheme"]);
        Assert.Equal("/actuator/health/readiness", annotations["alb.ingress.kubernetes.io/healthcheck-path"]);
        Assert.Equal("traffic-port", annotations["alb.ingress.kubernetes.io/healthcheck-port"]);
        Assert.Equal("budgetbuddy", annotations["alb.ingress.kubernetes.io/group.name"]);
    }

    [Fact]
    public void The_waf_acl_is_attached_when_given()
    {
        var annotations = Ingress(RenderedChart.ForScenario("production-values.yaml")).Metadata.Annotations;

        Assert.Equal("arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/budgetbuddy/66666666-7777-8888-9999-000000000000",
            annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"]);
    }

    [Fact]
    public void Without_a_waf_acl_none_is_attached()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml", "ingress.wafAclArn=");

        Assert.DoesNotContain("alb.ingress.kubernetes.io/wafv2-acl-arn", Ingress(chart).Metadata.Annotations.Keys);
    }

    [Theory]
    [InlineData("ingress.shieldAdvancedProtection", "alb.ingress.kubernetes.io/shield-advanced-protection", "true")]
    [InlineData("ingress.externalDns.enabled", "external-dns.alpha.kubernetes.io/hostname", "api.budgetbuddy.example")]
    public void An_edge_service_annotation_is_set_when_turned_on_and_absent_otherwise(string value, string annotation, string expected)
    {
        // Absent rather than "false": Shield's "false" would remove a protection added outside the chart, and
        // external-dns publishes only Ingresses that carry its annotation.
        var on = RenderedChart.ForScenario("production-values.yaml", $"{value}=true");
        var off = RenderedChart.ForScenario("production-values.yaml", $"{value}=false");

        Assert.Equal(expected, Ingress(on).Metadata.Annotations[annotation]);
        Assert.DoesNotContain(annotation, Ingress(off).Metadata.Annotations.Keys);
    }

    [Fact]
    public void The_ingress_routes_its_host_to_the_api_service()
    {
        var spec = Ingress(RenderedChart.ForScenario("production-values.yaml")).Spec;

        Assert.Equal("alb", spec.IngressClassName);
        var rule = Assert.Single(spec.Rules);
        Assert.Equal("api.budgetbuddy.example", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal(("/", "Prefix", RenderedChart.Api, "http"), (path.Path, path.PathType, path.Backend.Service.Name, path.Backend.Service.Port.Name));
    }

    [Fact]
    public void Annotations_given_in_values_win_over_the_generated_ones()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml", "ingress.annotations.alb\\.ingress\\.kubernetes\\.io/scheme=internal");

        Assert.Equal("internal", Ingress(chart).Metadata.Annotations["alb.ingress.kubernetes.io/scheme"]);
    }
}
