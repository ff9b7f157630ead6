using BudgetBuddy.ChartTests.Infrastructure;
using BudgetBuddy.ChartTests.Rendering;

namespace BudgetBuddy.ChartTests;

/// <summary>Bad values fail at install time with a message naming the bad key, instead of being ignored.</summary>
public sealed class ValuesSchemaTests
{
    private static CommandResult Template(params string[] sets) => Helm.Run(RenderedChart.TemplateArguments(null, sets));

    private static CommandResult LintWithFile(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"budgetbuddy-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            return Helm.Run("lint", "--strict", RepositoryPaths.Chart, "--values", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertRejected(CommandResult result, string expected)
    {
        Assert.False(result.Succeeded, $"{result.Command} succeeded");
        Assert.Contains(expected, result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_in_a_value_key_is_rejected_by_the_schema()
    {
        AssertRejected(Template("api.replicaCont=3"), "additional properties 'replicaCont' not allowed");
    }

    [Fact]
    public void A_typo_in_a_nested_key_of_a_values_file_fails_lint()
    {
        AssertRejected(LintWithFile("ingress:\n  enabeld: true\n"), "additional properties 'enabeld' not allowed");
    }

    [Fact]
    public void An_unknown_top_level_key_is_rejected()
    {
        AssertRejected(LintWithFile("autoscaling:\n  enabled: true\n"), "additional properties 'autoscaling' not allowed");
    }

    [Fact]
    public void A_string_where_a_number_goes_is_rejected_by_the_schema()
    {
        AssertRejected(Template("api.autoscaling.maxReplicas=twenty"), "got string, want integer");
    }

    [Fact]
    public void A_quoted_number_in_a_values_file_is_rejected_by_the_schema()
    {
        AssertRejected(LintWithFile("operator:\n  replicaCount: \"2\"\n"), "got string, want integer");
    }

    [Fact]
    public void A_webhook_setting_that_cannot_work_is_rejected_by_the_schema()
    {
        AssertRejected(Template("api.config.webhooks.maxResponseBytes=0"), "minimum");
        AssertRejected(Template("api.config.webhooks.connectTimeout=3s"), "pattern");
    }

    [Fact]
    public void An_unknown_architecture_is_rejected()
    {
        AssertRejected(Template("scheduling.architectures={x86}"), "scheduling/architectures/0");
    }

    [Fact]
    public void An_enabled_ingress_needs_a_host_and_a_certificate()
    {
        var result = Template("ingress.enabled=true");

        AssertRejected(result, "/ingress/host");
        Assert.Contains("/ingress/certificateArn", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_role_arn_is_rejected()
    {
        AssertRejected(Template("api.serviceAccount.roleArn=budgetbuddy-api"), "/api/serviceAccount/roleArn");
    }

    [Fact]
    public void A_grace_period_shorter_than_the_drain_is_refused()
    {
        AssertRejected(Template("api.preStopSleepSeconds=30", "api.terminationGracePeriodSeconds=40"),
            "api.terminationGracePeriodSeconds (40) must be at least api.preStopSleepSeconds + 25 = 55");
    }

    [Fact]
    public void More_operator_replicas_than_one_without_leader_election_are_refused()
    {
        AssertRejected(Template("operator.leaderElection.enabled=false"), "operator.replicaCount is 2 with operator.leaderElection.enabled false");
    }

    [Fact]
    public void An_unknown_encryption_provider_is_rejected_by_the_schema()
    {
        AssertRejected(Template("encryption.provider=vault"), "/encryption/provider");
    }

    [Fact]
    public void A_kms_key_id_that_is_not_an_arn_is_rejected_by_the_schema()
    {
        AssertRejected(Template("encryption.provider=kms", "encryption.kmsKeyArn=alias/budgetbuddy"), "/encryption/kmsKeyArn");
    }

    [Fact]
    public void Kms_without_a_key_arn_is_refused()
    {
        AssertRejected(Template("encryption.provider=kms"), "encryption.provider is kms but encryption.kmsKeyArn is empty");
    }

    [Fact]
    public void A_kms_key_in_another_region_than_the_apps_call_is_refused()
    {
        AssertRejected(Template("encryption.provider=kms", "encryption.kmsKeyArn=arn:aws:kms:eu-west-1:123456789012:alias/budgetbuddy"),
            "encryption.kmsKeyArn is a key in eu-west-1 but the API and the operator call KMS in dynamodb.region (us-east-1)");
    }

    [Fact]
    public void A_minimum_above_the_maximum_of_the_autoscaler_is_refused()
    {
        AssertRejected(Template("api.autoscaling.minReplicas=5", "api.autoscaling.maxReplicas=3"), "must not exceed api.autoscaling.maxReplicas");
    }
}
