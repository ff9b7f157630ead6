using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using BudgetBuddy.Operator.Runtime.Queue;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>
/// List+watch of one kind (a custom resource unless another <see cref="IWatchSource"/> is given) into a local cache,
/// adding the key of every changed object (or the key <c>queueKeyOf</c> maps it to, e.g. its owner's) to a work queue.
/// LIST, then WATCH from the list's resourceVersion with bookmarks and a server-side timeout; a watch that ends is
/// resumed from the last resourceVersion seen; 410 Gone means events were lost, so it lists again (and queues
/// everything); any other failure reconnects after a jittered exponential backoff. <see cref="RunAsync"/> only
/// returns when its token fires: a watcher that silently stops is the failure this class exists to prevent.
/// An object that does not deserialise (a CRD without its schema lets anything in) stays out of the cache, but its key
/// is still queued when its name can be read, so the reconciler, which reads the object itself, can tell it why.
/// </summary>
internal sealed partial class ResourceWatcher<TResource>(
    IKubernetes client,
    ResourceWatcherOptions options,
    IWorkQueue queue,
    ControllerMetrics metrics,
    TimeProvider time,
    ILogger logger,
    Random? random = null,
    IWatchSource? source = null,
    Func<TResource, string?>? queueKeyOf = null) : IResourceCache<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IWatchSource source = source ?? new CustomObjectWatchSource(client, options);
    private readonly Func<TResource, string?> queueKeyOf = queueKeyOf ?? ResourceKey.For;
    private readonly ConcurrentDictionary<string, TResource> cache = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Random random = random ?? Random.Shared;

    public bool HasSynced => synced.Task.IsCompleted;

    public IReadOnlyCollection<string> Keys => [.. cache.Keys];

    public bool TryGet(string key, [MaybeNullWhen(false)] out TResource resource)
    {
        if (cache.TryGetValue(key, out var cached))
        {
            // A deep copy: a reconciler that edits status in place must not change what the next reconcile compares with.
            resource = KubernetesJson.Deserialize<TResource>(KubernetesJson.Serialize(cached));
            return true;
        }
        resource = null;
        return false;
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    /// <summary>Adds every cached key to the queue (periodic resync, or a new leader taking over).</summary>
    public void EnqueueAll()
    {
        foreach (var resource in cache.Values)
        {
            Enqueue(resource);
        }
    }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> fires; then returns without throwing.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        string? resourceVersion = null;
        var failures = 0;
        var quickExpiries = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.Zero;
            try
            {
                if (resourceVersion is null)
                {
                    try
                    {
                        resourceVersion = await ListAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Connection refused, 5xx, 429, a 410 on a stale continue token: all retried, never fatal.
                        metrics.WatchRestarted(WatchRestartReason.Error);
                        delay = options.ReconnectBackoff.JitteredDelayFor(failures++, random);
                        LogListFailed(logger, e, options.Plural, failures, delay);
                    }
                }

                if (resourceVersion is not null)
                {
                    var end = await WatchOnceAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                    metrics.WatchRestarted(end.Reason);
                    resourceVersion = end.ResourceVersion;
                    // A watch that delivered nothing and ended at once proves nothing about the server's health; were
                    // it not backed off, a server that ends every watch that way would get a hot loop of requests.
                    var healthy = end.Events > 0 || end.Duration >= TimeSpan.FromSeconds(1);
                    if (healthy)
                    {
                        failures = 0;
                        quickExpiries = 0;
                    }
                    switch (end.Reason)
                    {
                        case WatchRestartReason.Expired:
                            // Listing again at once is the cure, except when fresh watches keep expiring.
                            if (!healthy && quickExpiries++ > 0)
                            {
                                delay = options.ReconnectBackoff.JitteredDelayFor(failures++, random);
                            }
                            LogExpired(logger, options.Plural, end.Detail);
                            break;
                        case WatchRestartReason.Error:
                            delay = options.ReconnectBackoff.JitteredDelayFor(failures++, random);
                            LogWatchFailed(logger, end.Error, options.Plural, failures, delay, end.Detail);
                            break;
                        default:
                            if (!healthy)
                            {
                                delay = options.ReconnectBackoff.JitteredDelayFor(failures++, random);
                            }
                            LogClosed(logger, options.Plural, end.Events, end.Duration, resourceVersion);
                            break;
                    }
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, TResource>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        string? continueToken = null;
        string? resourceVersion;
        do
        {
            var page = await source.ListAsync(continueToken, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (TryRead(item, out var resource, out var key))
                {
                    listed[key] = resource;
                }
                else if (key is not null)
                {
                    unreadable.Add(key);
                }
            }
            continueToken = page.ContinueToken;
            resourceVersion = page.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        if (string.IsNullOrEmpty(resourceVersion))
        {
            throw new InvalidOperationException($"The LIST of {options.Plural} carried no metadata.resourceVersion to watch from.");
        }

        // Objects cached but no longer listed were deleted while no watch was open; their keys are queued too so the
        // reconciler sees them gone.
        var vanished = new List<TResource>();
        foreach (var key in cache.Keys.Where(key => !listed.ContainsKey(key)).ToList())
        {
            if (cache.TryRemove(key, out var gone))
            {
                vanished.Add(gone);
            }
        }
        foreach (var (key, resource) in listed)
        {
            cache[key] = resource;
        }
        synced.TrySetResult();

        // Events may have been missed before this list, so everything is looked at again (reconcile is level-based).
        foreach (var resource in listed.Values.Concat(vanished))
        {
            Enqueue(resource);
        }
        // An object that does not deserialise is still the reconciler's to tell about; its raw key is all there is.
        foreach (var key in unreadable)
        {
            queue.Add(key);
        }
        LogListed(logger, listed.Count, options.Plural, resourceVersion);
        return resourceVersion;
    }

    private async Task<WatchEnd> WatchOnceAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Ceiling(options.WatchTimeout.TotalSeconds * (1 + random.NextDouble())));
        using var deadline = new CancellationTokenSource(timeout + options.WatchDeadlineGrace, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = time.GetTimestamp();
        var events = 0;
        Exception? streamError = null;
        var expired = false;

        // The library reports an ERROR event (a Status object) through this callback and keeps reading; the server
        // closes the stream right after it, so the outcome is decided once the stream ends.
        void OnError(Exception e)
        {
            if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                expired = true;
            }
            else
            {
                streamError ??= e;
            }
        }

        var watch = source.WatchAsync(resourceVersion, (int)timeout.TotalSeconds, OnError, linked.Token);
        try
        {
            await foreach (var (type, item) in watch.ConfigureAwait(false))
            {
                events++;
                resourceVersion = Apply(type, item) ?? resourceVersion;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(WatchRestartReason.Error, resourceVersion, events, time.GetElapsedTime(started),
                $"no end from the server {options.WatchDeadlineGrace} after its {timeout} timeout; the connection is presumed dead");
        }
        catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
        {
            // The library reads the first line before returning the response; a watch closed with no event at all
            // (its timeout passed quietly) surfaces as this, and is a normal end.
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
        {
            return new(WatchRestartReason.Expired, null, events, time.GetElapsedTime(started), "HTTP 410 Gone");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Refused, reset, 5xx, 429: resume from the last resourceVersion seen once the backoff has passed.
            return new(WatchRestartReason.Error, resourceVersion, events, time.GetElapsedTime(started), e.Message, e);
        }

        var duration = time.GetElapsedTime(started);
        if (expired)
        {
            return new(WatchRestartReason.Expired, null, events, duration, "ERROR event 410 Gone");
        }
        if (streamError is not null)
        {
            // An unreadable line or an ERROR other than 410: an event may have been lost, so list again to be sure.
            return new(WatchRestartReason.Error, null, events, duration, streamError.Message, streamError);
        }
        return new(WatchRestartReason.Closed, resourceVersion, events, duration, null);
    }

    /// <summary>Applies one event to the cache and the queue; returns the resourceVersion it carries.</summary>
    private string? Apply(WatchEventType type, object? item)
    {
        if (item is null)
        {
            return null;
        }
        if (type == WatchEventType.Bookmark)
        {
            return ResourceVersionOf(item);
        }
        if (!TryRead(item, out var resource, out var key))
        {
            // Not fatal, or one bad object would stop the watch for all; its resourceVersion still counts. What the
            // cache held for it is out of date, and the reconciler is the one to tell the object.
            if (key is not null)
            {
                cache.TryRemove(key, out _);
                queue.Add(key);
            }
            return ResourceVersionOf(item);
        }

        if (type == WatchEventType.Deleted)
        {
            cache.TryRemove(key, out _);
        }
        else
        {
            cache[key] = resource;
        }
        Enqueue(resource);
        return resource.Metadata.ResourceVersion;
    }

    private void Enqueue(TResource resource)
    {
        if (queueKeyOf(resource) is { } key)
        {
            queue.Add(key);
        }
    }

    /// <returns>False when the object does not deserialise; <paramref name="key"/> is then still set if its name reads.</returns>
    private bool TryRead(object item, [MaybeNullWhen(false)] out TResource resource, [NotNullWhen(true)] out string? key)
    {
        try
        {
            resource = item as TResource ?? (item is JsonElement element ? KubernetesJson.Deserialize<TResource>(element) : null);
            if (resource?.Metadata?.Name is { Length: > 0 })
            {
                key = ResourceKey.For(resource);
                return true;
            }
            LogUnreadable(logger, options.Plural, ResourceVersionOf(item), "no metadata.name");
            key = null;
        }
        catch (JsonException e)
        {
            key = item is JsonElement element ? RawKeyOf(element) : null;
            LogUnreadable(logger, options.Plural, ResourceVersionOf(item), $"{key}: {e.Message}");
        }
        resource = null;
        return false;
    }

    private static string? RawKeyOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("name", out var name)
        && name.ValueKind == JsonValueKind.String
        && name.GetString() is { Length: > 0 } text
            ? ResourceKey.For(metadata.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String ? ns.GetString() : null, text)
            : null;

    private static string? ResourceVersionOf(object item) => item switch
    {
        IKubernetesObject<V1ObjectMeta> typed => typed.Metadata?.ResourceVersion,
        JsonElement { ValueKind: JsonValueKind.Object } element
            when element.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out var version)
            && version.ValueKind == JsonValueKind.String => version.GetString(),
        _ => null,
    };

    /// <summary>How one watch ended; a null <see cref="ResourceVersion"/> means "list again".</summary>
    private readonly record struct WatchEnd(
        WatchRestartReason Reason,
        string? ResourceVersion,
        int Events,
        TimeSpan Duration,
        string? Detail,
        Exception? Error = null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Count} {Plural} at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, int count, string plural, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {Plural} ended after {Events} events in {Duration}; resuming from resourceVersion {ResourceVersion}")]
    private static partial void LogClosed(ILogger logger, string plural, int events, TimeSpan duration, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Plural} expired ({Detail}); listing again")]
    private static partial void LogExpired(ILogger logger, string plural, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Plural} failed ({Failures} in a row): {Detail}; reconnecting in {Delay}")]
    private static partial void LogWatchFailed(ILogger logger, Exception? exception, string plural, int failures, TimeSpan delay, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "List of {Plural} failed ({Failures} in a row); retrying in {Delay}")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string plural, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read a {Plural} object at resourceVersion {ResourceVersion} (left for its reconciler to report): {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string plural, string? resourceVersion, string reason);
}
