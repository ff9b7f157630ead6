using System.Globalization;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Hosting;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// <c>budgetbuddy-operator healthcheck</c>, the container's HEALTHCHECK, run as a process against the real operator
/// host (its controller watching a fake Kubernetes API with no tenants, so DynamoDB is never called).
/// </summary>
public sealed class OperatorHealthcheckCommandTests : IAsyncLifetime
{
    private FakeKubernetesApi kube = null!;
    private WebApplication host = null!;

    private string BaseUrl => host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public async Task InitializeAsync()
    {
        kube = await FakeKubernetesApi.StartAsync();
        host = OperatorHost.Build(new OperatorSettings
        {
            KubernetesUrl = kube.BaseUrl,
            LeaderElection = false,
            Urls = "http://127.0.0.1:0",
            DynamoDb = new DynamoDbOptions { ServiceUrl = "http://127.0.0.1:1" },
            Encryption = new KeyEncryptionKeyOptions { LocalKeyFile = TestKek.FilePath },
        }, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
        await kube.DisposeAsync();
    }

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
