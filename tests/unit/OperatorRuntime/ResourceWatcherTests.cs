using System.Globalization;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.TestSupport.FakeKubernetes;
using BudgetBuddy.TestSupport;
using k8s;
using Prometheus;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>
/// The watcher's list+watch protocol against the real KubernetesClient and the fake API server, on the fake clock:
/// what it asks for, how events reach the cache and the queue, and how it recovers from each way a watch ends.
/// </summary>
public sealed class ResourceWatcherTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly FakeClock time = new();
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly CancellationTokenSource stop = new();
    private readonly WriteLineLogger logger = new(output.WriteLine);
    private FakeKubernetesApi api = null!;
    private Kubernetes client = null!;
    private RateLimitingWorkQueue queue = null!;
    private Task running = Task.CompletedTask;

    private List<RecordedRequest> WatchRequests => [.. api.Requests.Where(r => r.IsWatch)];

    private List<RecordedRequest> ListRequests => [.. api.Requests.Where(r => !r.IsWatch)];

    private List<string> Kinds => [.. api.Requests.Select(r => r.IsWatch ? "watch" : "list")];

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        api.RegisterResource(Gadget.Resource);
        client = api.CreateClient();
        queue = new RateLimitingWorkQueue(BackoffPolicy.PerKeyDefault(), time);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        client.Dispose();
        await api.DisposeAsync();
    }

    public void Dispose()
    {
        stop.Dispose();
        queue?.Dispose();
    }

    private ResourceWatcher<Gadget> Start(string? ns = Gadget.Namespace, Action<ResourceWatcherOptions>? configure = null)
    {
        var options = new ResourceWatcherOptions { Group = Gadget.Resource.Group, Version = Gadget.Resource.Version, Plural = Gadget.Resource.Plural, Namespace = ns };
        configure?.Invoke(options);
        var watcher = new ResourceWatcher<Gadget>(client, options, queue, new ControllerMetrics(registry), time, logger, new Random(7));
        running = watcher.RunAsync(stop.Token);
        return watcher;
    }

    // Every watch carries a deadline minutes long; a shorter timer is the watcher waiting out a backoff.
    private static bool IsBackoff(TimeSpan due) => due < TimeSpan.FromMinutes(1);

    private static Dictionary<string, string> Query(RecordedRequest request) =>
        request.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""));

    private Task<double> RestartsAsync(string reason) =>
        MetricValues.ReadAsync(registry, "budgetbuddy_operator_watch_restarts_total", $"reason=\"{reason}\"");

    private Task WatchOpenAsync() => api.WaitForAsync(() => api.OpenWatches == 1);

    /// <summary>Moves the fake clock on in small steps until <paramref name="condition"/> holds.</summary>
    private Task AdvanceUntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return condition();
        }, what);

    private async Task<List<string>> DrainQueueAsync()
    {
        var keys = new List<string>();
        while (queue.Length > 0)
        {
            var key = (await queue.GetAsync(TestTimeout.Token))!;
            keys.Add(key);
            queue.Done(key);
        }
        return keys;
    }

    [Fact]
    public async Task It_lists_then_watches_from_the_lists_resourceVersion_with_bookmarks_and_a_server_timeout()
    {
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var listed = api.ResourceVersion;
        var watcher = Start();

        await Eventually.TrueAsync(() => WatchRequests.Count == 1, "a watch is opened");

        var list = api.Requests[0];
        Assert.Equal("/apis/test.budgetbuddy.io/v1/namespaces/gadgets/gadgets", list.Path);
        Assert.False(list.IsWatch);
        var watch = WatchRequests[0];
        Assert.Equal("/apis/test.budgetbuddy.io/v1/namespaces/gadgets/gadgets", watch.Path);
        var query = Query(watch);
        Assert.Equal(listed, query["resourceVersion"]);
        Assert.Equal("true", query["allowWatchBookmarks"]);
        Assert.InRange(int.Parse(query["timeoutSeconds"], CultureInfo.InvariantCulture), 300, 600);
        Assert.True(watcher.HasSynced);
        Assert.Equal(["gadgets/a", "gadgets/b"], watcher.Keys.Order());
        Assert.Equal(["gadgets/a", "gadgets/b"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task Without_a_namespace_it_lists_and_watches_every_namespace()
    {
        Gadget.Put(api, "a", ns: "one");
        Gadget.Put(api, "b", ns: "two");
        var watcher = Start(ns: null);

        await Eventually.TrueAsync(() => WatchRequests.Count == 1, "a watch is opened");

        Assert.All(api.Requests, request => Assert.Equal("/apis/test.budgetbuddy.io/v1/gadgets", request.Path));
        Assert.Equal(["one/a", "two/b"], watcher.Keys.Order());
    }

    [Fact]
    public async Task Watch_events_update_the_cache_and_queue_each_changed_key()
    {
        var watcher = Start();
        await WatchOpenAsync();

        Gadget.Put(api, "a");
        Gadget.Put(api, "a", size: 2);
        Gadget.Put(api, "b");
        Assert.True(api.Delete(Gadget.Resource, Gadget.Namespace, "b"));
        var last = api.ResourceVersion;
        // A watch the server ends resumes from the last event it delivered: once it has, every event is in.
        api.CloseWatches();
        await Eventually.TrueAsync(() => WatchRequests.Count == 2, "the watch is resumed after it ends");

        Assert.Equal(last, Query(WatchRequests[1])["resourceVersion"]);
        Assert.True(watcher.TryGet("gadgets/a", out var a));
        Assert.Equal(2, a.Spec.Size);
        Assert.False(watcher.TryGet("gadgets/b", out _));
        Assert.Equal(["gadgets/a", "gadgets/b"], (await DrainQueueAsync()).Order());
        Assert.Equal(1, await RestartsAsync("closed"));
    }

    [Fact]
    public async Task A_bookmark_advances_the_resourceVersion_the_next_watch_starts_from()
    {
        api.BookmarkInterval = TimeSpan.FromMilliseconds(1);
        Start();
        await WatchOpenAsync();

        // A write the watch does not see (another namespace): only a bookmark tells the watcher of its resourceVersion.
        Gadget.Put(api, "elsewhere", ns: "other");
        var advanced = api.ResourceVersion;

        // Whether a bookmark has arrived shows only in where the next watch starts: end watches until one starts there.
        // A second on the clock before each end makes it a watch that lived long enough to resume without a backoff.
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            if (Query(WatchRequests[^1])["resourceVersion"] == advanced)
            {
                return true;
            }
            if (api.OpenWatches == 1)
            {
                api.CloseWatches();
            }
            return false;
        }, "a watch resumed from the bookmark's resourceVersion");

        Assert.Equal(0, queue.Length);
        Assert.Single(ListRequests);
    }

    [Fact]
    public async Task An_expired_watch_lists_again_and_queues_every_object_including_ones_deleted_while_no_watch_was_open()
    {
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var watcher = Start();
        await WatchOpenAsync();
        await DrainQueueAsync();

        // A watch that ends at once with no event is backed off: while the watcher waits on the clock, b goes, c comes
        // and the history that recorded both is forgotten, so the next watch gets an ERROR event 410.
        api.CloseWatches();
        await Eventually.TrueAsync(() => api.OpenWatches == 0 && time.IsWaiting(IsBackoff), "a backoff after the empty watch");
        Assert.True(api.Delete(Gadget.Resource, Gadget.Namespace, "b"));
        Gadget.Put(api, "c");
        api.ExpireHistory();
        var relisted = api.ResourceVersion;
        await AdvanceUntilAsync(() => WatchRequests.Count == 3, "a new watch after the re-list");

        Assert.Equal(["list", "watch", "watch", "list", "watch"], Kinds);
        Assert.Equal(relisted, Query(WatchRequests[2])["resourceVersion"]);
        Assert.Equal(["gadgets/a", "gadgets/c"], watcher.Keys.Order());
        Assert.Equal(["gadgets/a", "gadgets/b", "gadgets/c"], (await DrainQueueAsync()).Order());
        Assert.Equal(1, await RestartsAsync("expired"));
    }

    [Fact]
    public async Task Fresh_watches_that_expire_again_and_again_are_relisted_after_a_backoff_not_in_a_hot_loop()
    {
        api.FailNext(2, 410, pathContains: "watch=true");
        Start();

        await Eventually.TrueAsync(() => api.Requests.Count == 4 && time.IsWaiting(IsBackoff), "list, expired watch, list, expired watch, then a backoff");
        Assert.Equal(4, api.Requests.Count); // the second expiry in a row waits for the (fake) clock

        await AdvanceUntilAsync(() => WatchRequests.Count == 3, "a list and a watch once the backoff has passed");
        Assert.Equal(["list", "watch", "list", "watch", "list", "watch"], Kinds);
        Assert.Equal(2, await RestartsAsync("expired"));
    }

    [Fact]
    public async Task An_http_410_on_the_watch_request_lists_again()
    {
        Gadget.Put(api, "a");
        api.FailNext(1, 410, pathContains: "watch=true");
        var watcher = Start();

        await Eventually.TrueAsync(() => WatchRequests.Count == 2, "a new watch after the re-list");

        Assert.Equal(["list", "watch", "list", "watch"], Kinds);
        Assert.Equal(api.ResourceVersion, Query(WatchRequests[1])["resourceVersion"]);
        Assert.Equal(["gadgets/a"], watcher.Keys);
        Assert.Equal(1, await RestartsAsync("expired"));
    }

    [Fact]
    public async Task Server_errors_are_retried_only_after_a_backoff_and_the_watcher_recovers()
    {
        Gadget.Put(api, "a");
        api.FailNext(1, 500);
        api.FailNext(1, 503);
        var watcher = Start();

        await Eventually.TrueAsync(() => time.IsWaiting(IsBackoff), "a backoff after the first failure");
        Assert.Single(api.Requests); // no retry while the (fake) clock stands still
        Assert.False(watcher.HasSynced);

        await AdvanceUntilAsync(() => WatchRequests.Count == 1, "the watcher recovers once the backoff has passed");

        Assert.True(watcher.HasSynced);
        Assert.Equal(["gadgets/a"], watcher.Keys);
        Assert.Equal(3, ListRequests.Count);
        Assert.Equal(2, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_failed_watch_reconnects_after_a_backoff_from_the_last_resourceVersion_seen()
    {
        var watcher = Start();
        await WatchOpenAsync();
        Gadget.Put(api, "a");
        var seen = api.ResourceVersion;
        await Eventually.TrueAsync(() => watcher.Keys.Contains("gadgets/a"), "the event");

        api.FailNext(1, 500, pathContains: "watch=true");
        api.CloseWatches();
        await Eventually.TrueAsync(() => WatchRequests.Count == 2 && time.IsWaiting(IsBackoff), "the failing watch, then a backoff");
        Assert.Equal(2, WatchRequests.Count); // no reconnect while the (fake) clock stands still

        await AdvanceUntilAsync(() => WatchRequests.Count == 3, "a watch after the backoff");

        Assert.Equal(seen, Query(WatchRequests[2])["resourceVersion"]);
        Assert.Single(ListRequests);
        Assert.Equal(1, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_watch_the_server_never_ends_is_abandoned_after_its_deadline_and_reopened()
    {
        api.IgnoreWatchTimeouts = true;
        var listed = api.ResourceVersion;
        Start(configure: o =>
        {
            o.WatchTimeout = TimeSpan.FromSeconds(1);
            o.WatchDeadlineGrace = TimeSpan.Zero;
        });
        await Eventually.TrueAsync(() => WatchRequests.Count == 1, "the watch");

        await AdvanceUntilAsync(() => WatchRequests.Count == 2, "the stalled watch is replaced");

        Assert.Equal(listed, Query(WatchRequests[1])["resourceVersion"]);
        Assert.Equal(1, await RestartsAsync("error"));
    }

    [Fact]
    public async Task An_object_that_cannot_be_read_stays_out_of_the_cache_but_is_queued_for_its_reconciler_and_the_watch_goes_on()
    {
        var watcher = Start();
        await WatchOpenAsync();

        Gadget.Put(api, "bad", size: "huge");
        Gadget.Put(api, "a");
        await Eventually.TrueAsync(() => watcher.Keys.Contains("gadgets/a"), "the event after the unreadable one");

        Assert.Equal(["gadgets/a"], watcher.Keys);
        Assert.Equal(["gadgets/a", "gadgets/bad"], (await DrainQueueAsync()).Order());
        Assert.Single(WatchRequests);
        Assert.Equal(0, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_listed_object_that_cannot_be_read_is_queued_too()
    {
        Gadget.Put(api, "bad", size: "huge");
        Gadget.Put(api, "a");
        var watcher = Start();

        await watcher.WaitForSyncAsync(TestTimeout.Token);

        Assert.Equal(["gadgets/a"], watcher.Keys);
        Assert.Equal(["gadgets/a", "gadgets/bad"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task TryGet_returns_a_copy_that_a_reconciler_may_change_freely()
    {
        Gadget.Put(api, "a", size: 3);
        var watcher = Start();
        await watcher.WaitForSyncAsync(TestTimeout.Token);

        Assert.True(watcher.TryGet("gadgets/a", out var copy));
        copy.Spec.Size = 99;

        Assert.True(watcher.TryGet("gadgets/a", out var again));
        Assert.Equal(3, again.Spec.Size);
    }

    [Fact]
    public async Task EnqueueAll_queues_every_cached_key_for_a_resync()
    {
        Gadget.Put(api, "a");
        Gadget.Put(api, "b");
        var watcher = Start();
        await watcher.WaitForSyncAsync(TestTimeout.Token);
        await DrainQueueAsync();

        watcher.EnqueueAll();

        Assert.Equal(["gadgets/a", "gadgets/b"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task Cancelling_stops_the_watcher_without_an_exception()
    {
        Start();
        await WatchOpenAsync();

        await stop.CancelAsync();

        await running.WaitAsync(TestTimeout.Token);
    }
}
