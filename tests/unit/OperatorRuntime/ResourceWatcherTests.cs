using System.Net;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Watcher;
using k8s;
using Prometheus;
using static BudgetBuddy.UnitTests.OperatorRuntime.ScriptedKubernetesApi;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>
/// The watcher's list+watch protocol against the real KubernetesClient, answered in-process from scripts: what it
/// asks for, how events reach the cache and the queue, and how it recovers from each way a watch ends.
/// </summary>
public sealed class ResourceWatcherTests : IAsyncDisposable
{
    private readonly ScriptedKubernetesApi api = new();
    private readonly Kubernetes client;
    private readonly FakeClock time = new();
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly RateLimitingWorkQueue queue;
    private readonly CancellationTokenSource stop = new();
    private readonly TestOutputLogger logger;
    private Task running = Task.CompletedTask;

    public ResourceWatcherTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        logger = new TestOutputLogger(output);
        client = ClientFor(api);
        queue = new RateLimitingWorkQueue(BackoffPolicy.PerKeyDefault(), time);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        stop.Dispose();
        queue.Dispose();
        client.Dispose();
    }

    private ResourceWatcher<Widget> Start(string? ns = "ns", Action<ResourceWatcherOptions>? configure = null)
    {
        var options = new ResourceWatcherOptions { Group = "test.io", Version = "v1", Plural = "widgets", Namespace = ns };
        configure?.Invoke(options);
        var watcher = new ResourceWatcher<Widget>(client, options, queue, new ControllerMetrics(registry), time, logger, new Random(7));
        running = watcher.RunAsync(stop.Token);
        return watcher;
    }

    // Every watch carries a deadline minutes long; a shorter timer is the watcher waiting out a backoff.
    private static bool IsBackoff(TimeSpan due) => due < TimeSpan.FromMinutes(1);

    private Task<double> RestartsAsync(string reason) =>
        MetricValues.ReadAsync(registry, "budgetbuddy_operator_watch_restarts_total", $"reason=\"{reason}\"");

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
        api.List("10", Object("a", "8"), Object("b", "9"));
        var watcher = Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 1, "a watch is opened");

        var list = api.Requests[0];
        Assert.Equal("/apis/test.io/v1/namespaces/ns/widgets", list.AbsolutePath);
        Assert.NotEqual("true", Query(list).GetValueOrDefault("watch"));
        var watch = api.WatchRequests[0];
        Assert.Equal("/apis/test.io/v1/namespaces/ns/widgets", watch.AbsolutePath);
        var query = Query(watch);
        Assert.Equal("10", query["resourceVersion"]);
        Assert.Equal("true", query["allowWatchBookmarks"]);
        Assert.InRange(int.Parse(query["timeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture), 300, 600);
        Assert.True(watcher.HasSynced);
        Assert.Equal(["ns/a", "ns/b"], watcher.Keys.Order());
        Assert.Equal(["ns/a", "ns/b"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task Without_a_namespace_it_lists_and_watches_every_namespace()
    {
        api.List("3", Object("a", "1", ns: "one"), Object("b", "2", ns: "two"));
        var watcher = Start(ns: null);

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 1, "a watch is opened");

        Assert.All(api.Requests, uri => Assert.Equal("/apis/test.io/v1/widgets", uri.AbsolutePath));
        Assert.Equal(["one/a", "two/b"], watcher.Keys.Order());
    }

    [Fact]
    public async Task Watch_events_update_the_cache_and_queue_each_changed_key()
    {
        api.List("1");
        api.Watch(
            Event("ADDED", Object("a", "2")),
            Event("MODIFIED", Object("a", "3", size: 2)),
            Event("ADDED", Object("b", "4")),
            Event("DELETED", Object("b", "5")));
        var watcher = Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2, "the watch is resumed after it ends");

        Assert.True(watcher.TryGet("ns/a", out var a));
        Assert.Equal(2, a.Spec.Size);
        Assert.False(watcher.TryGet("ns/b", out _));
        Assert.Equal(["ns/a", "ns/b"], (await DrainQueueAsync()).Order());
        Assert.Equal("5", Query(api.WatchRequests[1])["resourceVersion"]);
        Assert.Equal(1, await RestartsAsync("closed"));
    }

    [Fact]
    public async Task A_bookmark_advances_the_resourceVersion_the_next_watch_starts_from()
    {
        api.List("1");
        api.Watch(Bookmark("42"));
        Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2, "the watch is resumed");

        Assert.Equal("42", Query(api.WatchRequests[1])["resourceVersion"]);
        Assert.Equal(0, queue.Length);
    }

    [Fact]
    public async Task An_error_event_410_lists_again_and_queues_every_object_including_ones_deleted_meanwhile()
    {
        api.List("1", Object("a", "1"), Object("b", "1"));
        api.Watch(Event("ADDED", Object("c", "2")), Gone());
        api.List("9", Object("a", "7"), Object("c", "8"));
        var watcher = Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2, "a new watch after the re-list");
        await DrainQueueAsync();

        var kinds = api.Requests.Select(uri => Query(uri).GetValueOrDefault("watch") == "true" ? "watch" : "list").ToList();
        Assert.Equal(["list", "watch", "list", "watch"], kinds);
        Assert.Equal("9", Query(api.WatchRequests[1])["resourceVersion"]);
        Assert.Equal(["ns/a", "ns/c"], watcher.Keys.Order());
        Assert.Equal(1, await RestartsAsync("expired"));
    }

    [Fact]
    public async Task A_relist_queues_the_keys_of_objects_that_vanished_while_no_watch_was_open()
    {
        var expire = new TaskCompletionSource();
        api.List("1", Object("a", "1"), Object("b", "1"));
        api.WatchAfter(expire.Task, Gone());
        api.List("9", Object("a", "1"));
        var watcher = Start();
        await watcher.WaitForSyncAsync(TestTimeout.Token);
        await DrainQueueAsync();

        expire.SetResult();
        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2, "a new watch after the re-list");

        Assert.Equal(["ns/a"], watcher.Keys);
        Assert.Equal(["ns/a", "ns/b"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task Fresh_watches_that_expire_again_and_again_are_relisted_after_a_backoff_not_in_a_hot_loop()
    {
        api.List("1");
        api.Watch(Gone());
        api.List("2");
        api.Watch(Gone());
        api.List("3");
        Start();

        await Eventually.TrueAsync(() => api.Requests.Count == 4 && time.IsWaiting(IsBackoff), "list, expired watch, list, expired watch, then a backoff");
        Assert.Equal(4, api.Requests.Count); // the second expiry in a row waits for the (fake) clock

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return api.WatchRequests.Count == 3;
        }, "a list and a watch once the backoff has passed");
        Assert.Equal("3", Query(api.WatchRequests[2])["resourceVersion"]);
        Assert.Equal(2, await RestartsAsync("expired"));
    }

    [Fact]
    public async Task An_http_410_on_the_watch_request_lists_again()
    {
        api.List("1");
        api.WatchFails(HttpStatusCode.Gone);
        api.List("5", Object("a", "5"));
        var watcher = Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2, "a new watch after the re-list");

        Assert.Equal("5", Query(api.WatchRequests[1])["resourceVersion"]);
        Assert.Equal(["ns/a"], watcher.Keys);
        Assert.Equal(1, await RestartsAsync("expired"));
    }

    [Fact]
    public async Task Server_errors_are_retried_only_after_a_backoff_and_the_watcher_recovers()
    {
        api.ListFails(HttpStatusCode.InternalServerError);
        api.ListFails(HttpStatusCode.ServiceUnavailable);
        api.List("3", Object("a", "3"));
        var watcher = Start();

        await Eventually.TrueAsync(() => time.IsWaiting(IsBackoff), "a backoff after the first failure");
        Assert.Single(api.Requests); // no retry while the (fake) clock stands still
        Assert.False(watcher.HasSynced);

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return api.WatchRequests.Count == 1;
        }, "the watcher recovers once the backoff has passed");

        Assert.True(watcher.HasSynced);
        Assert.Equal(3, api.Requests.Count(uri => Query(uri).GetValueOrDefault("watch") != "true"));
        Assert.Equal(2, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_failed_watch_reconnects_after_a_backoff_from_the_last_resourceVersion_seen()
    {
        api.List("1");
        api.Watch(Event("ADDED", Object("a", "4")));
        api.WatchFails(HttpStatusCode.InternalServerError);
        Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2 && time.IsWaiting(IsBackoff), "the failing watch, then a backoff");
        Assert.Equal(2, api.WatchRequests.Count); // no reconnect while the (fake) clock stands still

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return api.WatchRequests.Count == 3;
        }, "a watch after the backoff");

        Assert.Equal("4", Query(api.WatchRequests[2])["resourceVersion"]);
        Assert.Single(api.Requests, uri => Query(uri).GetValueOrDefault("watch") != "true");
        Assert.Equal(1, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_watch_the_server_never_ends_is_abandoned_after_its_deadline_and_reopened()
    {
        api.List("1");
        Start(configure: o =>
        {
            o.WatchTimeout = TimeSpan.FromSeconds(1);
            o.WatchDeadlineGrace = TimeSpan.Zero;
        });
        await Eventually.TrueAsync(() => api.WatchRequests.Count == 1, "the watch");

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            return api.WatchRequests.Count == 2;
        }, "the stalled watch is replaced");

        Assert.Equal("1", Query(api.WatchRequests[1])["resourceVersion"]);
        Assert.Equal(1, await RestartsAsync("error"));
    }

    [Fact]
    public async Task An_object_that_cannot_be_read_stays_out_of_the_cache_but_is_queued_for_its_reconciler_and_the_watch_goes_on()
    {
        api.List("1");
        api.Watch(
            Event("ADDED", """{"apiVersion":"test.io/v1","kind":"Widget","metadata":{"name":"bad","namespace":"ns","resourceVersion":"2"},"spec":{"size":"huge"}}"""),
            Event("ADDED", Object("a", "3")));
        var watcher = Start();

        await Eventually.TrueAsync(() => api.WatchRequests.Count == 2, "the watch is resumed");

        Assert.Equal(["ns/a"], watcher.Keys);
        Assert.Equal(["ns/a", "ns/bad"], (await DrainQueueAsync()).Order());
        Assert.Equal("3", Query(api.WatchRequests[1])["resourceVersion"]);
        Assert.Equal(0, await RestartsAsync("error"));
    }

    [Fact]
    public async Task A_listed_object_that_cannot_be_read_is_queued_too()
    {
        api.List("5", """{"apiVersion":"test.io/v1","kind":"Widget","metadata":{"name":"bad","namespace":"ns","resourceVersion":"4"},"spec":{"size":"huge"}}""", Object("a", "3"));
        var watcher = Start();

        await watcher.WaitForSyncAsync(TestTimeout.Token);

        Assert.Equal(["ns/a"], watcher.Keys);
        Assert.Equal(["ns/a", "ns/bad"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task TryGet_returns_a_copy_that_a_reconciler_may_change_freely()
    {
        api.List("1", Object("a", "1", size: 3));
        var watcher = Start();
        await watcher.WaitForSyncAsync(TestTimeout.Token);

        Assert.True(watcher.TryGet("ns/a", out var copy));
        copy.Spec.Size = 99;

        Assert.True(watcher.TryGet("ns/a", out var again));
        Assert.Equal(3, again.Spec.Size);
    }

    [Fact]
    public async Task EnqueueAll_queues_every_cached_key_for_a_resync()
    {
        api.List("1", Object("a", "1"), Object("b", "1"));
        var watcher = Start();
        await watcher.WaitForSyncAsync(TestTimeout.Token);
        await DrainQueueAsync();

        watcher.EnqueueAll();

        Assert.Equal(["ns/a", "ns/b"], (await DrainQueueAsync()).Order());
    }

    [Fact]
    public async Task Cancelling_stops_the_watcher_without_an_exception()
    {
        api.List("1");
        Start();
        await Eventually.TrueAsync(() => api.WatchRequests.Count == 1, "the watch");

        await stop.CancelAsync();

        await running.WaitAsync(TestTimeout.Token);
    }
}
