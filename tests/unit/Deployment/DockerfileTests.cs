using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BudgetBuddy.TenantContracts.Healthcheck;
using OperatorHealthcheck = BudgetBuddy.Operator.Cli.HealthcheckCommand;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// What can be known about the images without building them: where each stage runs, what the runtime stages are made
/// of, who they run as, and that their ENTRYPOINT and HEALTHCHECK name the binaries the projects really produce.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Root = FindRoot();
    private static readonly Dockerfile Images = Dockerfile.Parse(File.ReadAllText(Path.Combine(Root, "Dockerfile")));

    public static TheoryData<string> TargetNames => ["api", "operator"];

    /// <summary>Each runtime target and the project whose binary it runs.</summary>
    public static TheoryData<string, string> Targets => new()
    {
        { "api", "src/Api/BudgetBuddy.Api.csproj" },
        { "operator", "src/Operator/BudgetBuddy.Operator.csproj" },
    };

    [Fact]
    public void The_sdk_stage_runs_on_the_build_machines_platform()
    {
        var sdkStages = Images.Stages.Where(s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(sdkStages);
        Assert.All(sdkStages, s => Assert.Equal("$BUILDPLATFORM", s.Platform));
    }

    [Fact]
    public void Every_stage_running_dotnet_does_so_on_the_build_platform_and_targets_the_images_architecture()
    {
        var dotnetStages = Images.Stages.Where(s => s.All("RUN").Any(r => DotnetCommand().IsMatch(r.Arguments))).ToList();

        Assert.NotEmpty(dotnetStages);
        foreach (var stage in dotnetStages)
        {
            var lineage = Images.Lineage(stage).ToList();
            Assert.Equal("$BUILDPLATFORM", lineage[^1].Platform);
            // ARG values are scoped to the stage that declares them, even in a stage built FROM another.
            Assert.Contains(stage.All("ARG"), a => a.Arguments == "TARGETARCH");
            foreach (var run in stage.All("RUN").Where(r => DotnetCommand().IsMatch(r.Arguments)))
            {
                var arches = ArchArgument().Matches(run.Arguments).Select(m => m.Groups["expr"].Value).ToList();
                Assert.True(DotnetCommand().Count(run.Arguments) == arches.Count, $"every dotnet restore/publish needs -a: {run.Arguments}");
                foreach (var arch in arches)
                {
                    Assert.Equal("arm64", ExpandTargetArch(arch, "arm64"));
                    Assert.Equal("x64", ExpandTargetArch(arch, "amd64"));
                    if (arch.Contains("${TARGETARCH/", StringComparison.Ordinal))
                    {
                        Assert.Contains(lineage, s => s.Last("SHELL")?.ExecForm() is [var shell, ..] && shell.EndsWith("/bash", StringComparison.Ordinal));
                    }
                }
            }
        }
    }

    [Fact]
    public void Packages_are_restored_from_the_project_files_before_the_code_is_copied_in()
    {
        var build = Images.Stages.Single(s => s.Platform == "$BUILDPLATFORM");
        var beforeRestore = build.Instructions.TakeWhile(i => !(i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal))).ToList();

        Assert.NotEqual(build.Instructions.Count, beforeRestore.Count);
        var copied = beforeRestore.Where(i => i.Keyword is "COPY" or "ADD")
            .SelectMany(i => i.SplitFlags().Remainder.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToList();
        Assert.NotEmpty(copied);
        Assert.All(copied, source => Assert.Matches(@"(\.csproj|\.props|\.sln|global\.json)$", source));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void A_target_runs_on_the_target_platforms_chiseled_aspnet_image(string target)
    {
        var stage = Images[target];

        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", stage.Image, StringComparison.Ordinal);
        Assert.Contains("chiseled", stage.Image, StringComparison.Ordinal);
        Assert.Null(stage.Platform);
        // A chiseled image has no shell: a RUN would fail at build time, and a SHELL would name nothing.
        Assert.Empty(stage.All("RUN"));
        Assert.Empty(stage.All("SHELL"));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void A_target_runs_as_a_numeric_non_root_user(string target)
    {
        var user = Images[target].Last("USER")?.Arguments;

        Assert.NotNull(user);
        // Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
        var match = Regex.Match(user, @"^(?<uid>\d+)(:\d+)?$");
        Assert.True(match.Success, $"USER {user} is not numeric");
        Assert.NotEqual(0, int.Parse(match.Groups["uid"].Value, CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_targets_exec_form_entrypoint_starts_the_binary_its_project_publishes(string target, string project)
    {
        var stage = Images[target];
        var entrypoint = stage.Last("ENTRYPOINT")?.ExecForm();

        Assert.NotNull(entrypoint);
        Assert.Equal($"{stage.Last("WORKDIR")?.Arguments}/{AssemblyName(project)}", entrypoint[0]);
        // The binary arrives by a COPY into the WORKDIR from a stage that publishes this very project.
        var copy = Assert.Single(stage.All("COPY"));
        var (flags, rest) = copy.SplitFlags();
        Assert.Equal("./", rest.Split(' ')[^1]);
        var publisher = Images[flags["from"]];
        Assert.Contains(publisher.All("RUN"), r => r.Arguments.Contains($"dotnet publish {Path.GetDirectoryName(project)}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void A_targets_healthcheck_is_exec_form_and_asks_the_binary_itself_within_dockers_timeout(string target)
    {
        var stage = Images[target];
        var healthcheck = Assert.Single(stage.All("HEALTHCHECK"));

        Assert.Equal([stage.Last("ENTRYPOINT")!.ExecForm()![0], "healthcheck"], healthcheck.ExecForm(after: "CMD"));
        // The command gives up on its own and says why; Docker must not kill it first and record only a timeout.
        var timeout = healthcheck.SplitFlags().Flags["timeout"];
        Assert.Matches(@"^\d+s$", timeout);
        Assert.True(int.Parse(timeout[..^1], CultureInfo.InvariantCulture) > HealthcheckProbe.Timeout.TotalSeconds,
            $"--timeout={timeout} is not above the command's {HealthcheckProbe.Timeout.TotalSeconds} s");
    }

    [Fact]
    public void The_api_listens_where_its_healthcheck_looks_and_exposes_it()
    {
        var api = Images["api"];

        Assert.Equal("8080", Assert.Single(api.All("EXPOSE")).Arguments);
        Assert.Contains(api.All("ENV"), e => e.Arguments == "ASPNETCORE_HTTP_PORTS=8080");
    }

    [Fact]
    public void The_api_entrypoint_is_the_binary_alone_so_arguments_go_to_the_host()
    {
        Assert.Equal(["/app/budgetbuddy-api"], Images["api"].Last("ENTRYPOINT")?.ExecForm());
        Assert.Empty(Images["api"].All("CMD"));
    }

    [Fact]
    public void The_operator_entrypoint_runs_the_controller_and_exposes_the_port_its_healthcheck_asks()
    {
        var @operator = Images["operator"];

        // The chart's operator Deployment passes only `run`'s options as args, which replace CMD, not ENTRYPOINT.
        Assert.Equal(["/app/budgetbuddy-operator", "run"], @operator.Last("ENTRYPOINT")?.ExecForm());
        Assert.Empty(@operator.All("CMD"));
        Assert.Equal(new Uri(OperatorHealthcheck.DefaultUrl).Port.ToString(CultureInfo.InvariantCulture), Assert.Single(@operator.All("EXPOSE")).Arguments);
    }

    [Fact]
    public void The_build_context_leaves_out_host_build_output_and_local_data()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", ".data/", ".git/", "**/node_modules/" }, ignored);
    }

    // $TARGETARCH, ${TARGETARCH} and bash's ${TARGETARCH/pattern/replacement}: the forms a RUN may use.
    private static string ExpandTargetArch(string expression, string targetArch) =>
        ArchVariable().Replace(expression.Trim('"'), m =>
        {
            Assert.Equal("TARGETARCH", m.Groups["name"].Value);
            return m.Groups["pattern"].Success
                ? targetArch.Replace(m.Groups["pattern"].Value, m.Groups["replacement"].Value, StringComparison.Ordinal)
                : targetArch;
        });

    private static string AssemblyName(string project) =>
        XDocument.Load(Path.Combine(Root, project)).Descendants("AssemblyName").Single().Value;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetBuddy.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"no BudgetBuddy.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"dotnet (restore|publish)\b")]
    private static partial Regex DotnetCommand();

    [GeneratedRegex(@"\s(-a|--arch)\s+(?<expr>""[^""]*""|\S+)")]
    private static partial Regex ArchArgument();

    [GeneratedRegex(@"\$\{(?<name>\w+)(/(?<pattern>[^/}]*)/(?<replacement>[^}]*))?\}|\$(?<name>\w+)")]
    private static partial Regex ArchVariable();
}
