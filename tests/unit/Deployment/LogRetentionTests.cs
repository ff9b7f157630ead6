using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// The release's container logs stay 30 days in CloudWatch Logs (the architecture's log retention), then live on in
/// the archive bucket until a year has passed. Every file that states a number of days states the same one.
/// </summary>
public sealed partial class LogRetentionTests
{
    private const int HotDays = 30;

    // PCI DSS keeps a year of audit log history.
    private const int ArchiveDays = 365;

    private static readonly JsonNode FluentBit = RepositoryFiles.Yaml("eks/logging/fluent-bit-values.yaml");

    private static readonly JsonNode Lifecycle = Assert.Single(RepositoryFiles.Json("eks/logging/archive-lifecycle.json")["Rules"]!.AsArray())!;

    [Fact]
    public void Cloudwatch_logs_keeps_the_container_logs_30_days()
    {
        Assert.Equal(HotDays, (long)FluentBit["cloudWatchLogs"]!["logRetentionDays"]!);
    }

    [Fact]
    public void The_archive_moves_logs_to_glacier_when_cloudwatch_drops_them_and_expires_them_after_a_year()
    {
        Assert.Equal("Enabled", (string?)Lifecycle["Status"]);
        var transition = Assert.Single(Lifecycle["Transitions"]!.AsArray())!;
        Assert.Equal(HotDays, (int)transition["Days"]!);
        Assert.StartsWith("GLACIER", (string)transition["StorageClass"]!, StringComparison.Ordinal);
        Assert.Equal(ArchiveDays, (int)Lifecycle["Expiration"]!["Days"]!);
    }

    [Theory]
    [InlineData("eks/README.md")]
    [InlineData("eks/logging/fluent-bit-values.yaml")]
    public void Every_retention_the_file_states_is_the_one_configured(string path)
    {
        var stated = DaysStated().Matches(RepositoryFiles.Text(path)).Select(m => int.Parse(m.Groups["days"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Contains(HotDays, stated);
        Assert.All(stated, days => Assert.True(days is HotDays or ArchiveDays, $"{path} states {days} days of log retention"));
    }

    [Fact]
    public void Fluent_bit_ships_the_containers_of_the_releases_namespace()
    {
        Assert.Equal($"/var/log/containers/*_{DeploymentFiles.ReleaseNamespace}_*.log", (string?)FluentBit["input"]!["path"]);
    }

    // "kept 30 days", "after 365 days": how the guide and the values state a retention.
    [GeneratedRegex(@"(?:kept(?: there)?|for|after(?: the same)?) (?<days>[0-9]+) days")]
    private static partial Regex DaysStated();
}
