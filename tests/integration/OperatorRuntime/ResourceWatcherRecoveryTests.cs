using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using Prometheus;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>
/// The watcher against the fake API server over real HTTP: whatever happens to its watches (dropped, closed, expired
/// history, 500s), its cache converges on what the server holds and it keeps watching. Each test has a server of its
/// own because faults (dropped watches, failing requests) are server-wide.
/// </summary>
public sealed class ResourceWatcherRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private WatcherHarness<Gadget> harness = null!;
    private FakeKubernetesApi api = null!;
    private ResourceWatcher<Gadget> watcher = null!;

    public async Task InitializeAsync()
    {
        harness = await WatcherHarness<Gadget>.StartAsync(Gadget.Resource);
        api = harness.Api;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private void StartWatcher(TimeSpan? watchTimeout = null)
    {
        var options = new ResourceWatcherOptions
        {
            Group = Gadget.Resource.Group,
            Version = Gadget.Resource.Version,
            Plural = Gadget.Resource.Plural,
            Namespace = Gadget.Namespace,
            WatchTimeout = watchTimeout ?? TimeSpan.FromMinutes(5),
        };
        watcher = harness.Run((client, queue, metrics) =>
            new ResourceWatcher<Gadget>(client, options, queue, metrics, TimeProvider.System, new WriteLineLogger(output.WriteLine, "watcher")));
    }

    private Task<double> RestartsAsync(string reason) =>
        MetricValues.ReadAsync(harness.Registry, "budgetbuddy_operator_watch_restarts_total", $"reason=\"{reason}\"");

    private int CachedSize(string name) => watcher.TryGet($"{Gadget.Namespace}/{name}", out var gadget) ? gadget.Spec.Size : -1;

    private Task WaitForWatchAsync() => api.WaitForAsync(() => api.OpenWatches == 1);

    [Fact]
    public async Task The_cache_follows_creates_updates_and_deletes_seen_through_the_watch()
    {
        Gadget.Put(api, "listed", 1);
        StartWatcher();
        await WaitForWatchAsync();

        Gadget.Put(api, "listed", 2);
        Gadget.Put(api, "watched", 5);
        await api.WaitForAsync(() => CachedSize("listed") == 2 && CachedSize("watched") == 5);
        api.Delete(Gadget.Resource, Gadget.Namespace, "watched");
        await api.WaitForAsync(() => !watcher.Keys.Contains("gadgets/watched"));

        var watch = api.Requests.Single(r => r.IsWatch);
        Assert.Contains("allowWatchBookmarks=true", watch.Query, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds=", watch.Query, StringComparison.Ordinal);
        Assert.True(watcher.HasSynced);
    }

    [Fact]
    public async Task A_dropped_watch_is_reopened_and_changes_made_meanwhile_arrive()
    {
        StartWatcher();
        await WaitForWatchAsync();

        api.DropWatches();
        Gadget.Put(api, "while-dropped", 3);

        await api.WaitForAsync(() => CachedSize("while-dropped") == 3);
        await WaitForWatchAsync();
        Assert.Equal(2, api.Requests.Count(r => r.IsWatch));
        Assert.Single(api.Requests, r => !r.IsWatch);
        Assert.Equal(1, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_watch_closed_by_the_server_resumes_from_the_last_resourceVersion_without_listing()
    {
        StartWatcher();
        await WaitForWatchAsync();

        api.CloseWatches();
        await api.WaitForAsync(() => api.Requests.Count(r => r.IsWatch) == 2);
        Gadget.Put(api, "after-close", 4);

        await api.WaitForAsync(() => CachedSize("after-close") == 4);
        Assert.Single(api.Requests, r => !r.IsWatch);
        Assert.Equal(1, await RestartsAsync("closed"));
    }

    [Fact]
    public async Task The_server_side_watch_timeout_ends_watches_that_are_then_resumed()
    {
        StartWatcher(watchTimeout: TimeSpan.FromSeconds(1));
        await WaitForWatchAsync();

        await api.WaitForAsync(() => api.Requests.Count(r => r.IsWatch) >= 2, TimeSpan.FromSeconds(10));
        Gadget.Put(api, "late", 6);

        await api.WaitForAsync(() => CachedSize("late") == 6);
        Assert.Single(api.Requests, r => !r.IsWatch);
        Assert.True(await RestartsAsync("closed") >= 1);
    }

    [Fact]
    public async Task An_expired_resourceVersion_mid_run_relists_and_catches_up_including_deletions()
    {
        Gadget.Put(api, "doomed", 1);
        Gadget.Put(api, "kept", 1);
        StartWatcher();
        await WaitForWatchAsync();
        await api.WaitForAsync(() => watcher.Keys.Count == 2);
        await harness.DrainQueueAsync();

        // Changes the watcher never sees as events: the watch is dropped first, and the history forgotten after.
        api.DropWatches();
        api.FailNext(1, 500, pathContains: "watch=true");
        Gadget.Put(api, "kept", 7);
        Gadget.Put(api, "new", 8);
        api.Delete(Gadget.Resource, Gadget.Namespace, "doomed");
        api.ExpireHistory();

        await api.WaitForAsync(() => CachedSize("kept") == 7 && CachedSize("new") == 8 && !watcher.Keys.Contains("gadgets/doomed"));
        Assert.Equal(2, api.Requests.Count(r => !r.IsWatch));
        Assert.Equal(1, await RestartsAsync("expired"));
        Assert.Equal(["gadgets/doomed", "gadgets/kept", "gadgets/new"], (await harness.DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task Server_errors_back_off_and_the_watcher_recovers_by_itself()
    {
        api.FailNext(4, 500, pathContains: "/gadgets");
        Gadget.Put(api, "patient", 9);
        var started = DateTime.UtcNow;
        StartWatcher();

        await api.WaitForAsync(() => CachedSize("patient") == 9);
        await WaitForWatchAsync();

        Assert.Equal(4, await RestartsAsync("error"));
        Assert.Equal(5, api.Requests.Count(r => !r.IsWatch));
        // Four retries at up to 200, 400, 800 and 1600 ms (full jitter): they took some time, and not much more.
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(8));
        Assert.True(watcher.HasSynced);
    }

    [Fact]
    public async Task Watches_that_keep_failing_are_retried_until_the_server_recovers()
    {
        StartWatcher();
        await WaitForWatchAsync();

        api.FailNext(3, 503, pathContains: "watch=true");
        api.DropWatches();
        Gadget.Put(api, "after-outage", 2);

        await api.WaitForAsync(() => CachedSize("after-outage") == 2);
        await WaitForWatchAsync();
        Assert.Equal(4, await RestartsAsync("error"));
    }
}
