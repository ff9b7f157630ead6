using k8s;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>List and watch of a custom resource (<see cref="ResourceWatcherOptions"/> names it), items as raw JSON.</summary>
internal sealed class CustomObjectWatchSource(IKubernetes client, ResourceWatcherOptions options) : IWatchSource
{
    // The core group has no custom-objects path: a watcher of a built-in kind needs a source of its own.
    private readonly string group = string.IsNullOrWhiteSpace(options.Group) ? throw new InvalidOperationException("A custom resource needs its Group.") : options.Group;

    public async Task<WatchListPage> ListAsync(string? continueToken, CancellationToken cancellationToken)
    {
        var page = string.IsNullOrEmpty(options.Namespace)
            ? await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<ResourceList>(
                group, options.Version, options.Plural,
                continueParameter: continueToken, labelSelector: options.LabelSelector, limit: options.ListPageSize,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync<ResourceList>(
                group, options.Version, options.Namespace, options.Plural,
                continueParameter: continueToken, labelSelector: options.LabelSelector, limit: options.ListPageSize,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return new WatchListPage([.. (page.Items ?? []).Select(item => (object)item)], page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion);
    }

    public IAsyncEnumerable<(WatchEventType Type, object? Item)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken)
    {
        var watch = string.IsNullOrEmpty(options.Namespace)
            ? client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                group, options.Version, options.Plural,
                allowWatchBookmarks: true, labelSelector: options.LabelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                group, options.Version, options.Namespace, options.Plural,
                allowWatchBookmarks: true, labelSelector: options.LabelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        return watch!;
    }
}
