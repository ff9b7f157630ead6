using System.Text.Json.Nodes;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// eks/iam/*.json of the cluster services (external-dns, Fluent Bit, the ADOT collector, Firehose): each grants the
/// calls its service makes, on the names the other files give its resources, and no more.
/// </summary>
public sealed class ClusterServicePolicyTests
{
    private const string Account = "123456789012";
    private const string Zone = "Z0123456789ABC";
    private const string Bucket = "budgetbuddy-logs-123456789012-us-east-1";

    private static readonly string Region = DeploymentFiles.Region;

    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = Region,
        ["AWS_ACCOUNT_ID"] = Account,
        ["HOSTED_ZONE_ID"] = Zone,
        ["LOG_ARCHIVE_BUCKET"] = Bucket,
    };

    private static readonly JsonNode FluentBit = RepositoryFiles.Yaml("eks/logging/fluent-bit-values.yaml");

    private static IamPolicyDocument Load(string path) => IamPolicyDocument.Parse(RepositoryFiles.Text(path), Placeholders);

    [Theory]
    [InlineData("eks/iam/external-dns-policy.json")]
    [InlineData("eks/iam/fluent-bit-policy.json")]
    [InlineData("eks/iam/adot-collector-policy.json")]
    [InlineData("eks/iam/firehose-archive-policy.json")]
    public void Policies_are_valid_IAM_documents_without_wildcard_actions(string path)
    {
        var filled = Placeholders.Aggregate(RepositoryFiles.Text(path), (text, p) => text.Replace("${" + p.Key + "}", p.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("${", filled, StringComparison.Ordinal);

        var policy = Load(path);
        Assert.NotEmpty(policy.Statements);
        Assert.DoesNotContain(policy.Actions, a => a.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void External_dns_changes_records_of_the_api_zone_and_of_no_other()
    {
        var policy = Load("eks/iam/external-dns-policy.json");

        foreach (var action in new[] { "route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets" })
        {
            Assert.True(policy.Allows(action, $"arn:aws:route53:::hostedzone/{Zone}"), action);
        }
        Assert.True(policy.Allows("route53:ListHostedZones", "*"));
        Assert.False(policy.Allows("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/ZOTHERZONE"));
    }

    [Fact]
    public void Fluent_bit_writes_the_log_group_and_the_firehose_stream_its_values_name()
    {
        var policy = Load("eks/iam/fluent-bit-policy.json");
        var group = (string)FluentBit["cloudWatchLogs"]!["logGroupName"]!;
        var stream = (string)FluentBit["firehose"]!["deliveryStream"]!;
        var groupArn = $"arn:aws:logs:{Region}:{Account}:log-group:{group}";

        Assert.True(policy.Allows("logs:CreateLogGroup", groupArn));
        // The retention is set by Fluent Bit when it creates the group (logRetentionDays).
        Assert.True(policy.Allows("logs:PutRetentionPolicy", groupArn));
        Assert.True(policy.Allows("logs:PutLogEvents", $"{groupArn}:log-stream:api-7c9f.api"));
        Assert.False(policy.Allows("logs:PutLogEvents", $"arn:aws:logs:{Region}:{Account}:log-group:/other:log-stream:x"));
        Assert.True(policy.Allows("firehose:PutRecordBatch", $"arn:aws:firehose:{Region}:{Account}:deliverystream/{stream}"));
        Assert.Equal(stream, (string?)RepositoryFiles.Json("eks/logging/firehose-delivery-stream.json")["DeliveryStreamName"]);
    }

    [Fact]
    public void Fluent_bit_writes_to_the_region_of_the_cluster()
    {
        Assert.Equal(Region, (string?)FluentBit["cloudWatchLogs"]!["region"]);
        Assert.Equal(Region, (string?)FluentBit["firehose"]!["region"]);
    }

    [Fact]
    public void Firehose_delivers_into_the_archive_bucket_with_the_role_the_guide_makes()
    {
        var policy = Load("eks/iam/firehose-archive-policy.json");
        var destination = RepositoryFiles.Json("eks/logging/firehose-delivery-stream.json")["ExtendedS3DestinationConfiguration"]!;

        Assert.Equal("arn:aws:s3:::${LOG_ARCHIVE_BUCKET}", (string?)destination["BucketARN"]);
        Assert.True(policy.Allows("s3:PutObject", $"arn:aws:s3:::{Bucket}/containers/2026/12/07/part"));
        Assert.False(policy.Allows("s3:PutObject", "arn:aws:s3:::another-bucket/x"));
        var role = ((string)destination["RoleARN"]!)[((string)destination["RoleARN"]!).LastIndexOf('/')..].TrimStart('/');
        Assert.Contains($"aws iam create-role --role-name {role}", RepositoryFiles.Text("eks/README.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_collector_may_send_traces_to_xray_and_do_nothing_else()
    {
        var policy = Load("eks/iam/adot-collector-policy.json");

        Assert.Equal(["xray:PutTelemetryRecords", "xray:PutTraceSegments"], policy.Actions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("external-dns", "kube-system")]
    [InlineData("fluent-bit", "logging")]
    [InlineData("adot-collector", "observability")]
    public void The_cluster_gives_the_services_ServiceAccount_its_policy(string service, string @namespace)
    {
        var account = DeploymentFiles.ServiceAccount(service, @namespace);

        Assert.NotNull(account);
        Assert.Equal([$"arn:aws:iam::${{AWS_ACCOUNT_ID}}:policy/budgetbuddy-{service}"], DeploymentFiles.Strings(account["attachPolicyARNs"]));
    }

    [Fact]
    public void Fluent_bit_runs_as_the_ServiceAccount_the_cluster_gives_a_role()
    {
        Assert.False((bool)FluentBit["serviceAccount"]!["create"]!);
        Assert.NotNull(DeploymentFiles.ServiceAccount((string)FluentBit["serviceAccount"]!["name"]!, "logging"));
        Assert.Contains("--namespace logging --create-namespace \\\n  -f eks/logging/fluent-bit-values.yaml", RepositoryFiles.Text("eks/README.md"), StringComparison.Ordinal);
    }
}
