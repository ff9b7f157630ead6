using System.Globalization;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TestSupport;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// <c>budgetbuddy-operator healthcheck</c>, the container's HEALTHCHECK, run as a process against the real operator
/// host (its controller watching a fake Kubernetes API with no tenants, so DynamoDB is never called).
/// </summary>
public sealed class OperatorHealthcheckCommandTests : IAsyncLifetime
{
    private IdleOperatorHost host = null!;

    private string BaseUrl => host.BaseUrl;

    public async Task InitializeAsync() =>
        host = await IdleOperatorHost.StartAsync(logging => logging.SetMinimumLevel(LogLevel.Warning));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Healthcheck_exits_0_with_one_line_when_the_operators_healthz_answers()
    {
        var run = await BinaryRun.RunAsync("budgetbuddy-operator", ["healthcheck", "--url", $"{BaseUrl}/healthz"]);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}{run.Stderr}");
        Assert.Equal($"healthy: GET {BaseUrl}/healthz answered 200", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Healthcheck_exits_1_when_the_endpoint_answers_an_error_status()
    {
        var run = await BinaryRun.RunAsync("budgetbuddy-operator", ["healthcheck", "--url", $"{BaseUrl}/no-such-endpoint"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"unhealthy: GET {BaseUrl}/no-such-endpoint answered 404", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Healthcheck_exits_1_with_one_line_when_nothing_listens()
    {
        var url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/healthz";

        var run = await BinaryRun.RunAsync("budgetbuddy-operator", ["healthcheck", "--url", url]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"unhealthy: GET {url} failed:", line, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }
}
