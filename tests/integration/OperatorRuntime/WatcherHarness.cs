using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.TestSupport.FakeKubernetes;
using k8s;
using k8s.Models;
using Prometheus;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>
/// One watcher against a fake API server of its own, over real HTTP, with the queue it feeds and its metrics. A
/// server of its own because faults (dropped watches, failing requests, forgotten history) are server-wide.
/// </summary>
internal sealed class WatcherHarness<TResource> : IAsyncDisposable
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource stop = new();
    private Task running = Task.CompletedTask;

    private WatcherHarness(FakeKubernetesApi api)
    {
        Api = api;
        Client = api.CreateClient();
    }

    public FakeKubernetesApi Api { get; }

    public Kubernetes Client { get; }

    public RateLimitingWorkQueue Queue { get; } = new(BackoffPolicy.PerKeyDefault(), TimeProvider.System);

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <param name="resources">Resources the server does not know out of the box.</param>
    public static async Task<WatcherHarness<TResource>> StartAsync(params ApiResource[] resources)
    {
        var api = await FakeKubernetesApi.StartAsync();
        foreach (var resource in resources)
        {
            api.RegisterResource(resource);
        }
        return new WatcherHarness<TResource>(api);
    }

    /// <summary>Runs the watcher <paramref name="create"/> makes of the client, the queue and metrics on the registry.</summary>
    public ResourceWatcher<TResource> Run(Func<Kubernetes, RateLimitingWorkQueue, ControllerMetrics, ResourceWatcher<TResource>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var watcher = create(Client, Queue, new ControllerMetrics(Registry));
        running = watcher.RunAsync(stop.Token);
        return watcher;
    }

    /// <summary>Takes every key queued so far, in queue order, marking each done.</summary>
    public async Task<List<string>> DrainQueueAsync()
    {
        var keys = new List<string>();
        while (Queue.Length > 0)
        {
            var key = (await Queue.GetAsync(CancellationToken.None))!;
            keys.Add(key);
            Queue.Done(key);
        }
        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Client.Dispose();
        await Api.DisposeAsync();
        Queue.Dispose();
        stop.Dispose();
    }
}
