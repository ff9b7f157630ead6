using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// A Kubernetes API server for tests, over real HTTP on 127.0.0.1, that the real <c>KubernetesClient</c> talks to
/// unchanged: get, list, watch, create, replace, patch (merge, strategic-as-merge, JSON patch) and delete of any
/// resource path, with resourceVersion and generation, 409 on stale writes, the status subresource, finalizers and
/// deletionTimestamp, owner-reference garbage collection, watch bookmarks and 410 Expired, plus fault injection
/// (dropped watches, forgotten history, error answers, delay) and direct access to what it stores.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication app;
    private readonly ObjectStore store = new();
    private readonly ConcurrentDictionary<(string Group, string Version, string Plural), ApiResource> resources = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Lock faultGate = new();
    private readonly List<FaultRule> faults = [];
    private readonly CancellationTokenSource stopping = new();
    private long delayTicks;
    private long bookmarkIntervalTicks = TimeSpan.FromSeconds(1).Ticks;

    private FakeKubernetesApi(WebApplication app)
    {
        this.app = app;
        foreach (var resource in ApiResources.BuiltIn)
        {
            RegisterResource(resource);
        }
    }

    /// <summary>The server's base URL, <c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl => app.BaseUrl();

    /// <summary>Added before every response (watches included: before their headers).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref delayTicks));
        set => Interlocked.Exchange(ref delayTicks, value.Ticks);
    }

    /// <summary>How often watches opened with <c>allowWatchBookmarks=true</c> get a BOOKMARK; 1 s by default.</summary>
    public TimeSpan BookmarkInterval
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref bookmarkIntervalTicks));
        set => Interlocked.Exchange(ref bookmarkIntervalTicks, value.Ticks);
    }

    /// <summary>
    /// When true, watches stay open past the <c>timeoutSeconds</c> their client asked for, as a stalled server or a
    /// proxy holding an idle stream would: only the client's own deadline ends them. False by default.
    /// </summary>
    public bool IgnoreWatchTimeouts { get; set; }

    /// <summary>How many events watches can resume from; an older resourceVersion gets 410 Expired. 1000 by default.</summary>
    public int HistoryLimit
    {
        get => store.HistoryLimit;
        set => store.HistoryLimit = value;
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>How many watch streams are open now.</summary>
    public int OpenWatches => store.WatchCount;

    /// <summary>The latest resourceVersion (every write bumps it).</summary>
    public string ResourceVersion => store.ResourceVersion.ToString(CultureInfo.InvariantCulture);

    /// <summary>The Events stored (core <c>v1</c> and <c>events.k8s.io/v1</c>), oldest write first.</summary>
    public IReadOnlyList<JsonObject> Events =>
        store.Select(ApiResources.CoreEvents, null, ObjectSelector.Everything)
            .Concat(store.Select(ApiResources.Events, null, ObjectSelector.Everything))
            .OrderBy(e => long.Parse((string)e["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture))
            .ToList();

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var app = LoopbackServer.Create();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        return api;
    }

    /// <summary>A client of this server: plain HTTP, no credentials.</summary>
    public k8s.Kubernetes CreateClient() => new(new KubernetesClientConfiguration { Host = BaseUrl });

    /// <summary>Describes a resource the server does not know (kind, scope, status subresource, generation).</summary>
    public void RegisterResource(ApiResource resource) =>
        resources[(resource.Group, resource.Version, resource.Plural)] = resource;

    /// <summary>Ends every open watch abruptly: the connection is reset mid-stream.</summary>
    public void DropWatches() => store.EndWatches(abort: true);

    /// <summary>Ends every open watch cleanly, as when the server's watch timeout passes.</summary>
    public void CloseWatches() => store.EndWatches(abort: false);

    /// <summary>Forgets the event history: a watch from any resourceVersion before now gets 410 Expired.</summary>
    public void ExpireHistory() => store.ExpireHistory();

    /// <summary>Answers the next <paramref name="count"/> matching requests with a Status of <paramref name="statusCode"/>.</summary>
    /// <param name="count">How many requests to fail.</param>
    /// <param name="statusCode">The HTTP code, and the Status object's code and reason.</param>
    /// <param name="pathContains">Only requests whose path and query contain this.</param>
    /// <param name="method">Only requests with this HTTP method.</param>
    public void FailNext(int count, int statusCode = 500, string? pathContains = null, string? method = null)
    {
        lock (faultGate)
        {
            faults.Add(new FaultRule(count, statusCode, pathContains, method));
        }
    }

    /// <summary>Forgets every fault rule still pending: the server answers normally again.</summary>
    public void ClearFaults()
    {
        lock (faultGate)
        {
            faults.Clear();
        }
    }

    /// <summary>A stored object, or null; <paramref name="ns"/> is ignored for cluster-scoped resources.</summary>
    public JsonObject? Get(ApiResource resource, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return store.Find(resource, resource.Namespaced ? ns ?? "default" : "", name);
    }

    /// <summary>Stored objects of a resource, in one namespace or (null) all.</summary>
    public IReadOnlyList<JsonObject> List(ApiResource resource, string? ns = null) =>
        store.Select(resource, ns, ObjectSelector.Everything);

    /// <summary>
    /// Stores an object as given, status included and without preconditions (as another actor writing it would),
    /// filling uid, creationTimestamp and generation when missing; watches see ADDED or MODIFIED.
    /// </summary>
    public JsonObject Put(ApiResource resource, JsonObject obj) => store.Put(resource, obj);

    /// <summary>Stores an object as <see cref="Put(ApiResource, JsonObject)"/> does, of the registered resource its
    /// <c>apiVersion</c> and <c>kind</c> name.</summary>
    public JsonObject Put(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = (string?)obj["apiVersion"];
        var kind = (string?)obj["kind"];
        var resource = resources.Values.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind)
            ?? throw new ArgumentException($"no registered resource serves {apiVersion} {kind}", nameof(obj));
        return store.Put(resource, obj);
    }

    /// <summary>Deletes as a client's DELETE would (finalizers and garbage collection apply); false when absent.</summary>
    public bool Delete(ApiResource resource, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        try
        {
            store.Delete(resource, resource.Namespaced ? ns ?? "default" : "", name, null, null);
            return true;
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking after every write; throws on timeout.</summary>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultWaitTimeout;
        var deadline = DateTime.UtcNow + limit;
        for (; ; )
        {
            var changed = store.Changed;
            if (condition())
            {
                return;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The condition did not hold within {limit}.");
            }

            // Also poll: a condition may depend on more than the store.
            await Task.WhenAny(changed, Task.Delay(remaining < TimeSpan.FromMilliseconds(50) ? remaining : TimeSpan.FromMilliseconds(50)));
        }
    }

    /// <summary>Waits until the stored object (null when absent) satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<JsonObject?> WaitForAsync(ApiResource resource, string? ns, string name, Func<JsonObject?, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        JsonObject? last = null;
        await WaitForAsync(() => condition(last = Get(resource, ns, name)), timeout);
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        store.EndWatches(abort: false);
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value ?? "";
        requests.Enqueue(new RecordedRequest(request.Method, path, query, request.ContentType, request.Headers.UserAgent.ToString()));
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, context.RequestAborted);
            }

            if (TakeFault(request.Method, path + query) is { } code)
            {
                if (code == 429)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                await WriteJsonAsync(context, code, ApiStatus.Injected(code));
                return;
            }

            await DispatchAsync(context, path);
        }
        catch (ApiStatusException e) when (!context.Response.HasStarted)
        {
            await WriteJsonAsync(context, e.Code, e.Status);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A request this fake cannot handle still gets a Status, so the test sees why.
            await WriteJsonAsync(context, 500, ApiStatus.InternalError($"{e.GetType().Name}: {e.Message}").Status);
        }
    }

    private int? TakeFault(string method, string pathAndQuery)
    {
        lock (faultGate)
        {
            var rule = faults.FirstOrDefault(rule => rule.TryTake(method, pathAndQuery));
            faults.RemoveAll(candidate => candidate.Remaining == 0);
            return rule?.StatusCode;
        }
    }

    private async Task DispatchAsync(HttpContext context, string path)
    {
        var request = context.Request;
        if (path == "/version")
        {
            await WriteJsonAsync(context, 200, new JsonObject { ["major"] = "1", ["minor"] = "34", ["gitVersion"] = "v1.34.0-fake", ["platform"] = "linux/amd64" });
            return;
        }

        if (HttpMethods.IsGet(request.Method) && ApiDiscovery.Document(path, [.. resources.Values]) is { } discovery)
        {
            await WriteJsonAsync(context, 200, discovery);
            return;
        }

        var target = ResourcePath.Parse(path, Resolve) ?? throw ApiStatus.NotFoundPath();
        var (resource, ns, name, subresource) = target;
        var query = request.Query;
        if (subresource is not null && (subresource != "status" || !resource.HasStatusSubresource))
        {
            throw ApiStatus.NotFoundPath();
        }

        if (!string.IsNullOrEmpty(query["dryRun"]))
        {
            // Better a loud failure than a dry run that writes.
            throw ApiStatus.InternalError("dryRun is not supported by the fake API server");
        }

        var status = subresource == "status";
        var selector = ObjectSelector.Parse(query["labelSelector"], query["fieldSelector"]);
        switch (request.Method)
        {
            case "GET" when IsTrue(query["watch"]):
                if (name is not null)
                {
                    selector = ObjectSelector.Parse(query["labelSelector"], Combine(query["fieldSelector"], $"metadata.name={name}"));
                }

                await WatchAsync(context, resource, ns, selector);
                break;
            case "GET" when name is null:
                await WriteJsonAsync(context, 200, store.List(resource, ns, selector, IntOrNull(query["limit"]), query["continue"]));
                break;
            case "GET":
                await WriteJsonAsync(context, 200, store.Get(resource, ns!, name));
                break;
            case "POST" when name is null && ns is not null:
                await WriteJsonAsync(context, 201, store.Create(resource, ns, await ReadObjectAsync(request)));
                break;
            case "PUT" when name is not null:
                await WriteJsonAsync(context, 200, store.Update(resource, ns!, name, await ReadObjectAsync(request), status));
                break;
            case "PATCH" when name is not null:
                await WriteJsonAsync(context, 200, store.Patch(resource, ns!, name, request.ContentType, await ReadTextAsync(request), status));
                break;
            case "DELETE" when name is not null && !status:
                var text = await ReadTextAsync(request);
                var options = string.IsNullOrWhiteSpace(text) ? null : ParseObject(text);
                await WriteJsonAsync(context, 200, store.Delete(resource, ns!, name, options, query["propagationPolicy"]));
                break;
            case "DELETE" when name is null:
                await WriteJsonAsync(context, 200, store.DeleteCollection(resource, ns, selector, query["propagationPolicy"]));
                break;
            default:
                throw ApiStatus.MethodNotAllowed(request.Method);
        }
    }

    private async Task WatchAsync(HttpContext context, ApiResource resource, string? ns, ObjectSelector selector)
    {
        var query = context.Request.Query;
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        using var watch = store.OpenWatch(resource, ns, selector, query["resourceVersion"], bookmarks, IsTrue(query["sendInitialEvents"]));
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, watch.Dropped, stopping.Token);
        if (IntOrNull(query["timeoutSeconds"]) is > 0 and var timeoutSeconds && !IgnoreWatchTimeouts)
        {
            end.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        }

        var bookmarking = bookmarks ? SendBookmarksAsync(watch, end.Token) : Task.CompletedTask;
        try
        {
            // Headers go out at once, as the real server flushes them before the first event.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(end.Token);
            await foreach (var line in watch.Lines.ReadAllAsync(end.Token))
            {
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), end.Token);
                await context.Response.Body.FlushAsync(end.Token);
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // Timeout, client gone, dropped by a test, or the server stopping.
        }
        finally
        {
            store.CloseWatch(watch);
            await end.CancelAsync();
            await bookmarking;
        }

        if (watch.Dropped.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private async Task SendBookmarksAsync(WatchStream watch, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(BookmarkInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                store.Bookmark(watch);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch ended.
        }
    }

    private ApiResource Resolve(string group, string version, string plural, bool namespaced) =>
        resources.TryGetValue((group, version, plural), out var known) ? known : ApiResources.Infer(group, version, plural, namespaced);

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiStatus.UnsupportedMediaType(mediaType);
        }

        return ParseObject(await ReadTextAsync(request));
    }

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static JsonObject ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw ApiStatus.BadRequest("the body of the request is not a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(WireJson.Write(body), context.RequestAborted);
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static int? IntOrNull(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Combine(string? selector, string requirement) =>
        string.IsNullOrEmpty(selector) ? requirement : $"{selector},{requirement}";
}
