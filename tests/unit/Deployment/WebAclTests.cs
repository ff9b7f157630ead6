using System.Text.Json.Nodes;
using BudgetBuddy.Api.Imports;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// eks/waf/web-acl.json, the WAF in front of the ALB: the AWS managed rule groups of the architecture plus a rate rule
/// that never blocks a client the API itself would still serve.
/// </summary>
public sealed class WebAclTests
{
    private const string AclPath = "eks/waf/web-acl.json";

    // The common rule set blocks bodies larger than this (its SizeRestrictions_BODY rule).
    private const long CommonRuleSetBodyLimitBytes = 8 * 1024;

    private static readonly JsonNode Acl = RepositoryFiles.Json(AclPath);

    private static List<JsonNode> Rules => Acl[nameof(Rules)]!.AsArray().Select(r => r!).ToList();

    private static JsonNode ManagedGroup(string name) =>
        Assert.Single(Rules, r => (string?)r["Statement"]!["ManagedRuleGroupStatement"]?["Name"] == name);

    [Fact]
    public void The_acl_is_regional_for_an_alb_and_allows_what_no_rule_blocks()
    {
        Assert.Equal("REGIONAL", (string?)Acl["Scope"]);
        Assert.NotNull(Acl["DefaultAction"]!["Allow"]);
    }

    [Theory]
    [InlineData("AWSManagedRulesCommonRuleSet")]
    [InlineData("AWSManagedRulesKnownBadInputsRuleSet")]
    [InlineData("AWSManagedRulesAmazonIpReputationList")]
    public void The_aws_managed_rule_group_is_applied_with_its_own_actions(string name)
    {
        var rule = ManagedGroup(name);

        Assert.Equal("AWS", (string?)rule["Statement"]!["ManagedRuleGroupStatement"]!["VendorName"]);
        // OverrideAction None keeps the group's Block actions; Count would only observe.
        Assert.NotNull(rule["OverrideAction"]!["None"]);
    }

    [Fact]
    public void Rules_have_distinct_priorities_and_names_and_each_reports_metrics()
    {
        Assert.Equal(Rules.Count, Rules.Select(r => (int)r["Priority"]!).Distinct().Count());
        Assert.Equal(Rules.Count, Rules.Select(r => (string)r["Name"]!).Distinct().Count());
        Assert.All(Rules, r => Assert.True((bool)r["VisibilityConfig"]!["CloudWatchMetricsEnabled"]!));
    }

    [Fact]
    public void The_rate_rule_blocks_an_address_only_above_what_one_user_may_send_in_its_window()
    {
        var rate = Assert.Single(Rules, r => r["Statement"]!["RateBasedStatement"] is not null);
        var statement = rate["Statement"]!["RateBasedStatement"]!;
        var window = (int?)statement["EvaluationWindowSec"] ?? 300;
        var userRequestsInWindow = ChartFiles.ValueAt("api.config.rateLimits.userRequestsPerMinute")!.GetValue<long>() * window / 60;

        Assert.NotNull(rate["Action"]!["Block"]);
        Assert.Equal("IP", (string?)statement["AggregateKeyType"]);
        // Above it, so a client meets the API's 429 with Retry-After first, not a bare 403 from the WAF.
        Assert.True((long)statement["Limit"]! > userRequestsInWindow,
            $"the WAF blocks at {statement["Limit"]} requests in {window} s; one user may send {userRequestsInWindow}");
    }

    [Fact]
    public void Bodies_larger_than_the_common_rule_sets_limit_are_counted_not_blocked_because_imports_are_larger()
    {
        Assert.True(ImportsApi.MaxStatementBytes > CommonRuleSetBodyLimitBytes);

        var overrides = ManagedGroup("AWSManagedRulesCommonRuleSet")["Statement"]!["ManagedRuleGroupStatement"]!["RuleActionOverrides"]!.AsArray();
        var body = Assert.Single(overrides, o => (string?)o!["Name"] == "SizeRestrictions_BODY")!;
        Assert.NotNull(body["ActionToUse"]!["Count"]);
    }

    [Fact]
    public void The_guide_creates_the_acl_from_this_file_and_the_release_attaches_it()
    {
        var guide = RepositoryFiles.Text("eks/README.md");

        Assert.Contains($"aws wafv2 create-web-acl --cli-input-json file://{AclPath}", guide, StringComparison.Ordinal);
        Assert.Contains("--set ingress.wafAclArn=\"$WAF_ACL_ARN\"", guide, StringComparison.Ordinal);
        var template = (string?)DeploymentFiles.Release(DeploymentFiles.SkaffoldWith("production"))["setValueTemplates"]!["ingress.wafAclArn"];
        Assert.EndsWith("{{.WAF_ACL_ARN}}", template, StringComparison.Ordinal);
    }
}
