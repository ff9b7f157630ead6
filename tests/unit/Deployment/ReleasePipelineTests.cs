using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// The release pipeline (eks/pipeline) offline: every chart value it sets exists in the chart's schema, every image
/// target it builds exists in the Dockerfile, every file and make target of the repository it runs exists, its script
/// parses, and ECR keeps the last 10 images.
/// </summary>
public sealed partial class ReleasePipelineTests
{
    private const string Buildspec = "eks/pipeline/buildspec.yml";
    private const string Release = "eks/pipeline/release.sh";

    private static readonly JsonNode Schema = RepositoryFiles.Json("charts/budgetbuddy/values.schema.json");

    [Fact]
    public void Every_value_the_release_script_sets_is_in_the_charts_schema()
    {
        var keys = SetFlag().Matches(RepositoryFiles.Text(Release))
            .Select(m => m.Groups["key"].Value)
            .SelectMany(k => k.Contains("$idle", StringComparison.Ordinal) ? [k.Replace("$idle", "blue", StringComparison.Ordinal), k.Replace("$idle", "green", StringComparison.Ordinal)] : new[] { k })
            .Distinct()
            .ToList();

        Assert.True(keys.Count >= 10, $"found only {keys.Count} values set: {string.Join(", ", keys)}");
        Assert.All(keys, key => Assert.True(InSchema(key), $"{Release} sets {key}, which values.schema.json does not have"));
    }

    [Fact]
    public void Every_image_the_buildspec_builds_is_a_target_of_the_dockerfile()
    {
        var targets = DockerTarget().Matches(RepositoryFiles.Text("Dockerfile")).Select(m => m.Groups["target"].Value).ToHashSet(StringComparer.Ordinal);
        var built = Regex.Match(RepositoryFiles.Text(Buildspec), @"for target in (?<targets>[a-z ]+); do").Groups["targets"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["api", "operator", "loadtest"], built);
        Assert.All(built, target => Assert.Contains(target, targets));
    }

    [Fact]
    public void The_commands_of_the_repository_the_pipeline_runs_exist()
    {
        var buildspec = RepositoryFiles.Text(Buildspec);
        var makefile = RepositoryFiles.Text("Makefile");

        foreach (var target in Regex.Matches(buildspec, @"make (?<target>[a-z0-9-]+)").Select(m => m.Groups["target"].Value))
        {
            Assert.Matches($"(?m)^{target}:", makefile);
        }
        foreach (var path in new[] { ".ci/run", Release, "charts/budgetbuddy" })
        {
            Assert.Contains(path, buildspec + RepositoryFiles.Text(Release).Replace("/../..", "", StringComparison.Ordinal) + "charts/budgetbuddy", StringComparison.Ordinal);
            Assert.True(RepositoryFiles.Exists(path), $"{path} is missing");
        }
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(RepositoryFiles.PathOf(Release)).HasFlag(UnixFileMode.UserExecute), $"{Release} is not executable");
        using var syntax = Process.Start(new ProcessStartInfo("bash", ["-n", RepositoryFiles.PathOf(Release)]) { RedirectStandardError = true })!;
        syntax.WaitForExit();
        Assert.True(syntax.ExitCode == 0, syntax.StandardError.ReadToEnd());
    }

    [Fact]
    public void Ecr_keeps_the_last_ten_images()
    {
        var rule = Assert.Single(RepositoryFiles.Json("eks/pipeline/ecr-lifecycle-policy.json")["rules"]!.AsArray())!;

        Assert.Equal("imageCountMoreThan", (string)rule["selection"]!["countType"]!);
        Assert.Equal(10, (int)rule["selection"]!["countNumber"]!);
        Assert.Equal("any", (string)rule["selection"]!["tagStatus"]!);
        Assert.Equal("expire", (string)rule["action"]!["type"]!);
    }

    private static bool InSchema(string key)
    {
        var node = Schema;
        foreach (var part in key.Split('.'))
        {
            if (node["properties"]?[part] is not { } next)
            {
                return false;
            }
            node = next["$ref"] is { } reference ? Schema["$defs"]![((string)reference!)["#/$defs/".Length..]]! : next;
        }
        return true;
    }

    [GeneratedRegex(@"--set(?:-string)? ""?(?<key>[A-Za-z0-9.$]+)=")]
    private static partial Regex SetFlag();

    [GeneratedRegex(@"(?m)^FROM .* AS (?<target>[a-z0-9-]+)$")]
    private static partial Regex DockerTarget();
}
