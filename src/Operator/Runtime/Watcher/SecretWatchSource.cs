using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>
/// List and watch of Secrets (narrowed by <see cref="ResourceWatcherOptions.LabelSelector"/>). Only their metadata is
/// kept: a watcher needs names, owners and labels, and a cache of every tenant's private keys would be one more copy
/// of them in memory for nothing.
/// </summary>
internal sealed class SecretWatchSource(IKubernetes client, ResourceWatcherOptions options) : IWatchSource
{
    public async Task<WatchListPage> ListAsync(string? continueToken, CancellationToken cancellationToken)
    {
        var page = string.IsNullOrEmpty(options.Namespace)
            ? await client.CoreV1.ListSecretForAllNamespacesAsync(
                continueParameter: continueToken, labelSelector: options.LabelSelector, limit: options.ListPageSize,
                cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CoreV1.ListNamespacedSecretAsync(
                options.Namespace, continueParameter: continueToken, labelSelector: options.LabelSelector, limit: options.ListPageSize,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        return new WatchListPage([.. (page.Items ?? []).Select(MetadataOnly)], page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion);
    }

    public async IAsyncEnumerable<(WatchEventType Type, object? Item)> WatchAsync(
        string resourceVersion, int timeoutSeconds, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = string.IsNullOrEmpty(options.Namespace)
            ? client.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: options.LabelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken)
            : client.CoreV1.WatchListNamespacedSecretAsync(
                options.Namespace, allowWatchBookmarks: true, labelSelector: options.LabelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, secret) in watch.ConfigureAwait(false))
        {
            yield return (type, secret is null ? null : MetadataOnly(secret));
        }
    }

    private static V1Secret MetadataOnly(V1Secret secret)
    {
        secret.Data = null;
        secret.StringData = null;
        return secret;
    }
}
