using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

public sealed class NetworkPolicyTests
{
    private static V1NetworkPolicy Policy(string name) => RenderedChart.ForScenario("networkpolicy-values.yaml").Get<V1NetworkPolicy>("NetworkPolicy", name);

    [Fact]
    public void There_are_no_network_policies_by_default()
    {
        Assert.Empty(RenderedChart.WithDefaults().OfKind("NetworkPolicy"));
    }

    [Fact]
    public void The_api_accepts_its_port_only_from_the_allowed_cidrs_and_labelled_clients()
    {
        var policy = Policy(RenderedChart.Api);

        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        Assert.Equal("api", policy.Spec.PodSelector.MatchLabels["app.kubernetes.io/component"]);
        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Equal("http", Assert.Single(rule.Ports).Port.Value);
        Assert.Equal("10.0.0.0/16", rule.FromProperty[0].IpBlock.Cidr);
        Assert.Equal("true", rule.FromProperty[1].PodSelector.MatchLabels[$"{RenderedChart.Api}-client"]);
    }

    [Fact]
    public void Without_cidrs_the_api_port_is_open_to_any_source()
    {
        var policy = RenderedChart.WithDefaults("networkPolicy.enabled=true").Get<V1NetworkPolicy>("NetworkPolicy", RenderedChart.Api);

        Assert.Null(Assert.Single(policy.Spec.Ingress).FromProperty);
    }

    [Fact]
    public void The_operator_accepts_only_metric_scrapes_from_the_monitoring_namespace()
    {
        var rule = Assert.Single(Policy(RenderedChart.Operator).Spec.Ingress);

        Assert.Equal("http-metrics", Assert.Single(rule.Ports).Port.Value);
        Assert.Equal("monitoring", Assert.Single(rule.FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
    }

    [Theory]
    [InlineData(RenderedChart.Api)]
    [InlineData(RenderedChart.Operator)]
    public void Egress_is_dns_https_to_the_allowed_range_and_the_extra_rules_only(string name)
    {
        var egress = Policy(name).Spec.Egress;

        Assert.Equal(3, egress.Count);
        Assert.Equal(["53/UDP", "53/TCP"], egress[0].Ports.Select(p => $"{p.Port.Value}/{p.Protocol}"));
        Assert.Equal("443", Assert.Single(egress[1].Ports).Port.Value);
        Assert.Equal("10.0.0.0/16", Assert.Single(egress[1].To).IpBlock.Cidr);
        Assert.Equal("4318", Assert.Single(egress[2].Ports).Port.Value);
    }

    [Fact]
    public void With_a_redis_host_the_api_alone_may_reach_the_redis_port()
    {
        var chart = RenderedChart.ForScenario("networkpolicy-values.yaml", "api.config.rateLimits.redis.host=redis.cache", "api.config.rateLimits.redis.port=6380");

        var egress = chart.Get<V1NetworkPolicy>("NetworkPolicy", RenderedChart.Api).Spec.Egress;
        Assert.Equal(4, egress.Count);
        Assert.Equal("6380/TCP", $"{Assert.Single(egress[3].Ports).Port.Value}/{egress[3].Ports[0].Protocol}");
        Assert.Equal(3, chart.Get<V1NetworkPolicy>("NetworkPolicy", RenderedChart.Operator).Spec.Egress.Count);
    }

    [Fact]
    public void The_helm_test_pod_may_reach_the_api()
    {
        var pod = RenderedChart.ForScenario("networkpolicy-values.yaml").Get<V1Pod>("Pod", $"{RenderedChart.Api}-test-health");

        Assert.Equal("true", pod.Metadata.Labels[$"{RenderedChart.Api}-client"]);
    }
}
