using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Hosting;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// The real operator host, in process, on a port of its own, its controller watching a fake Kubernetes API that holds
/// no tenants, so DynamoDB is never called: for tests of what the host serves and logs rather than what it provisions.
/// </summary>
internal sealed class IdleOperatorHost : IAsyncDisposable
{
    private readonly WebApplication host;

    private IdleOperatorHost(FakeKubernetesApi kube, WebApplication host)
    {
        Kube = kube;
        this.host = host;
    }

    public FakeKubernetesApi Kube { get; }

    /// <summary>Where the host serves HTTP, <c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl => host.BaseUrl();

    /// <param name="logging">How the host logs, in place of its own defaults.</param>
    public static async Task<IdleOperatorHost> StartAsync(Action<ILoggingBuilder> logging)
    {
        var kube = await FakeKubernetesApi.StartAsync();
        var host = OperatorHost.Build(new OperatorSettings
        {
            KubernetesUrl = kube.BaseUrl,
            LeaderElection = false,
            Urls = "http://127.0.0.1:0",
            DynamoDb = new DynamoDbOptions { ServiceUrl = "http://127.0.0.1:1" },
            Encryption = new KeyEncryptionKeyOptions { LocalKeyFile = TestKek.FilePath },
        }, builder => logging(builder.Logging));
        await host.StartAsync();
        return new IdleOperatorHost(kube, host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
        await Kube.DisposeAsync();
    }
}
