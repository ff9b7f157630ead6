using System.Globalization;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TestSupport;

namespace BudgetBuddy.IntegrationTests.Operability;

/// <summary>
/// <c>budgetbuddy-api healthcheck</c>, the container's HEALTHCHECK, run as a process against a live API found the way
/// it is in the image: through <c>ASPNETCORE_HTTP_PORTS</c>.
/// </summary>
public sealed class ApiHealthcheckCommandTests
{
    // Liveness runs no dependency check, so the API needs no DynamoDB to be live; nothing listens on port 1.
    private const string NoDynamoDb = "http://127.0.0.1:1";

    [Fact]
    public async Task Healthcheck_exits_0_with_one_line_when_the_api_on_the_configured_port_is_live()
    {
        await using var api = new ApiFactory(NoDynamoDb, "healthcheck-");
        api.StartServer();
        var port = api.CreateClient().BaseAddress!.Port.ToString(CultureInfo.InvariantCulture);

        var run = await BinaryRun.RunAsync("budgetbuddy-api", ["healthcheck"], new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port });

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}{run.Stderr}");
        Assert.Equal($"healthy: GET http://127.0.0.1:{port}/actuator/health/liveness answered 200", run.Stdout.TrimEnd());
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Healthcheck_exits_1_with_one_line_when_nothing_listens_on_the_configured_address()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var run = await BinaryRun.RunAsync("budgetbuddy-api", ["healthcheck"], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://+:{port}" });

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"unhealthy: GET http://127.0.0.1:{port}/actuator/health/liveness failed:", line, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Healthcheck_exits_1_without_a_stack_trace_when_its_arguments_are_wrong()
    {
        var run = await BinaryRun.RunAsync("budgetbuddy-api", ["healthcheck", "--verbose"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("unhealthy: usage: budgetbuddy-api healthcheck", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }
}
