using System.Text.RegularExpressions;
using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;
using k8s.Models;

namespace BudgetBuddy.ChartTests;

public sealed partial class OperatorDeploymentTests
{
    [Fact]
    public void The_operator_runs_two_replicas_that_elect_a_leader_through_the_lease()
    {
        var chart = RenderedChart.WithDefaults();
        var args = chart.Container(RenderedChart.Operator).Args;

        Assert.Equal(2, chart.Deployment(RenderedChart.Operator).Spec.Replicas);
        Assert.Contains("--leader-election=true", args);
        Assert.Contains("--lease-name=budgetbuddy-operator", args);
        Assert.Contains("--lease-duration-seconds=15", args);
        Assert.Contains("--resync-minutes=10", args);
        Assert.Contains("--concurrency=4", args);
        Assert.Contains("--urls=http://0.0.0.0:8081", args);
    }

    [Fact]
    public void Each_replica_holds_the_lease_under_its_pod_name_in_its_own_namespace()
    {
        var env = RenderedChart.WithDefaults().Container(RenderedChart.Operator).Env.ToDictionary(e => e.Name);

        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public void Every_option_the_chart_passes_is_one_the_run_command_declares()
    {
        var runCommand = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Operator", "Cli", "RunCommand.cs"));
        var declared = OptionName().Matches(runCommand).Select(m => m.Groups[1].Value).ToHashSet();

        var passed = RenderedChart.WithDefaults().Container(RenderedChart.Operator).Args.Select(a => a.Split('=')[0]).ToList();

        Assert.NotEmpty(passed);
        Assert.All(passed, option => Assert.Contains(option, declared));
    }

    [Fact]
    public void Watching_one_namespace_reaches_the_operator_as_WATCH_NAMESPACE()
    {
        var chart = RenderedChart.ForScenario("single-namespace-values.yaml");

        Assert.Equal("bank-tenants", chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Operator).Data["WATCH_NAMESPACE"]);
        Assert.DoesNotContain("WATCH_NAMESPACE", RenderedChart.WithDefaults().Get<V1ConfigMap>("ConfigMap", RenderedChart.Operator).Data.Keys);
        Assert.Equal(RenderedChart.Operator, Assert.Single(chart.Container(RenderedChart.Operator).EnvFrom).ConfigMapRef.Name);
    }

    [Fact]
    public void A_single_replica_can_run_without_leader_election()
    {
        var chart = RenderedChart.ForScenario("single-operator-values.yaml");

        Assert.Equal(1, chart.Deployment(RenderedChart.Operator).Spec.Replicas);
        Assert.Contains("--leader-election=false", chart.Container(RenderedChart.Operator).Args);
    }

    [Fact]
    public void The_operator_reads_the_same_dynamodb_settings_as_the_api()
    {
        var chart = RenderedChart.ForScenario("production-values.yaml");
        var api = chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Api).Data;
        var op = chart.Get<V1ConfigMap>("ConfigMap", RenderedChart.Operator).Data;

        foreach (var key in new[] { "DynamoDb__Region", "DynamoDb__TablePrefix", "DynamoDb__ServiceUrl" })
        {
            Assert.Equal(api[key], op[key]);
        }
        Assert.Equal("eu-west-1", op["DynamoDb__Region"]);
        Assert.Equal("prod-budgetbuddy-", op["DynamoDb__TablePrefix"]);
    }

    [GeneratedRegex("new Option<[^>]+>\\(\"(--[a-z-]+)\"")]
    private static partial Regex OptionName();
}
