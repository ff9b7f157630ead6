using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

/// <summary>ServiceMonitors, alerts and the dashboard: behind toggles, and built on metrics the apps really export.</summary>
public sealed partial class MonitoringTests
{
    private static readonly RenderedChart Production = RenderedChart.ForScenario("production-values.yaml");

    private static JsonArray Rules(RenderedChart chart) =>
        new([.. chart.Find("PrometheusRule", RenderedChart.Fullname).Json["spec"]!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.DeepClone())]);

    private static string Expr(RenderedChart chart, string alert) =>
        (string)Rules(chart).Single(r => (string?)r!["alert"] == alert)!["expr"]!;

    /// <summary>The source files that declare the apps' own metrics.</summary>
    private static string AppMetricSources() => string.Concat(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "Storage", "DynamoDbMetricsHandler.cs")),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "RateLimiting", "RedisBuckets.cs")),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "BreachDetection", "SecuritySignals.cs")),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "Events", "EventMetrics.cs")),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Operator", "Runtime", "ControllerMetrics.cs")),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Operator", "Compliance", "ComplianceMetrics.cs")));

    private static IEnumerable<string> OwnMetricNames(string text) =>
        MetricName().Matches(text).Select(m => m.Groups[1].Value).Distinct();

    [Fact]
    public void Monitoring_objects_are_off_by_default()
    {
        var chart = RenderedChart.WithDefaults();

        Assert.Empty(chart.OfKind("ServiceMonitor"));
        Assert.Empty(chart.OfKind("PrometheusRule"));
        Assert.False(chart.Has("ConfigMap", $"{RenderedChart.Fullname}-dashboard"));
    }

    [Theory]
    [InlineData(RenderedChart.Api, RenderedChart.Api, "http")]
    [InlineData(RenderedChart.Operator, $"{RenderedChart.Operator}-metrics", "http-metrics")]
    public void Each_service_monitor_scrapes_metrics_from_a_port_its_service_has(string monitor, string service, string port)
    {
        var json = Production.Find("ServiceMonitor", monitor).Json;
        var target = Production.Get<V1Service>("Service", service);

        var endpoint = Assert.Single(json["spec"]!["endpoints"]!.AsArray())!;
        Assert.Equal(port, (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        Assert.Contains(target.Spec.Ports, p => p.Name == port);
        foreach (var (key, value) in json["spec"]!["selector"]!["matchLabels"]!.AsObject())
        {
            Assert.Equal((string?)value, target.Metadata.Labels[key]);
        }
        Assert.Equal("kube-prometheus-stack", (string?)json["metadata"]!["labels"]!["release"]);
    }

    [Fact]
    public void Alerts_cover_the_agreed_conditions_at_the_agreed_severities()
    {
        var severities = Rules(Production).ToDictionary(r => (string)r!["alert"]!, r => (string)r!["labels"]!["severity"]!);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["BudgetBuddyApiDown"] = "critical",
                ["BudgetBuddyApi5xxRatioHigh"] = "critical",
                ["BudgetBuddyApiP99LatencyHigh"] = "high",
                ["BudgetBuddyEventLagHigh"] = "high",
                ["BudgetBuddyOperatorReconcileErrors"] = "high",
                ["BudgetBuddyApiHpaAtMaximum"] = "medium",
                ["BudgetBuddyDynamoDbThrottling"] = "medium",
                ["BudgetBuddyRateLimitStoreUnreachable"] = "medium",
                ["BudgetBuddyApiNotSpreadOverThreeZones"] = "low",
                ["BudgetBuddyForgedToken"] = "critical",
                ["BudgetBuddyRefusedTokenBurst"] = "high",
                ["BudgetBuddyObjectProbing"] = "critical",
                ["BudgetBuddySensitiveDataBurst"] = "critical",
                ["BudgetBuddyAuditChainBroken"] = "critical",
                ["BudgetBuddyComplianceControlFailing"] = "high",
            },
            severities);
    }

    [Fact]
    public void Alerts_look_at_the_jobs_the_service_monitors_create()
    {
        Assert.Contains($"job=\"{RenderedChart.Api}\", namespace=\"{RenderedChart.Namespace}\"", Expr(Production, "BudgetBuddyApiDown"), StringComparison.Ordinal);
        Assert.Contains($"job=\"{RenderedChart.Operator}-metrics\"", Expr(Production, "BudgetBuddyOperatorReconcileErrors"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_metric_of_the_apps_that_the_alerts_use_is_one_the_apps_export()
    {
        var declared = AppMetricSources();
        var used = OwnMetricNames(string.Join('\n', Rules(Production).Select(r => (string)r!["expr"]!))).ToList();

        Assert.Contains("budgetbuddy_dynamodb_call_duration_seconds", used);
        Assert.Contains("budgetbuddy_operator_reconcile_total", used);
        Assert.Contains("budgetbuddy_rate_limit_store_up", used);
        Assert.Contains("budgetbuddy_security_signals_total", used);
        Assert.Contains("budgetbuddy_event_delivery_lag_seconds", used);
        Assert.All(used, name => Assert.Contains($"\"{name}\"", declared, StringComparison.Ordinal));
        // http_request_duration_seconds comes from prometheus-net's middleware, which the API turns on.
        Assert.Contains("app.UseHttpMetrics()", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "ApiDefaults.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_reconcile_error_alert_reads_the_error_result_the_operator_reports()
    {
        Assert.Contains("result=\"error\"", Expr(Production, "BudgetBuddyOperatorReconcileErrors"), StringComparison.Ordinal);
        Assert.Contains("public const string Error = \"error\";", AppMetricSources(), StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_come_from_the_values()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml", "json:metrics.prometheusRule.p99LatencySeconds=0.25", "json:metrics.prometheusRule.errorRatio5xx=0.01");

        Assert.EndsWith("> 0.25", Expr(chart, "BudgetBuddyApiP99LatencyHigh"), StringComparison.Ordinal);
        Assert.EndsWith("> 0.01", Expr(chart, "BudgetBuddyApi5xxRatioHigh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_alert_links_its_runbook()
    {
        Assert.All(Rules(Production), r => Assert.Equal(
            $"https://runbooks.budgetbuddy.example/alerts/{(string)r!["alert"]!}.md",
            (string?)r!["annotations"]!["runbook_url"]));
    }

    [Fact]
    public void The_dashboard_is_a_grafana_sidecar_configmap_on_the_apps_metrics()
    {
        var config = Production.Get<V1ConfigMap>("ConfigMap", $"{RenderedChart.Fullname}-dashboard");

        Assert.Equal("1", config.Metadata.Labels["grafana_dashboard"]);
        Assert.Equal("BudgetBuddy", config.Metadata.Annotations["grafana_folder"]);
        var dashboard = JsonNode.Parse(config.Data["budgetbuddy.json"])!;
        Assert.Equal("budgetbuddy", (string?)dashboard["uid"]);
        var exprs = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!).ToList();
        Assert.NotEmpty(exprs);
        var used = OwnMetricNames(string.Join('\n', exprs)).ToList();
        Assert.Contains("budgetbuddy_operator_queue_depth", used);
        Assert.Contains("budgetbuddy_operator_watch_restarts_total", used);
        Assert.Contains("budgetbuddy_compliance_control_status", used);
        Assert.All(used, name => Assert.Contains($"\"{name}\"", AppMetricSources(), StringComparison.Ordinal));
    }

    /// <summary>Names of the apps' own metrics (budgetbuddy_*), without the histogram series suffixes.</summary>
    [GeneratedRegex(@"\b(budgetbuddy_[a-z_]+?)(?:_bucket|_count|_sum)?\{")]
    private static partial Regex MetricName();
}
