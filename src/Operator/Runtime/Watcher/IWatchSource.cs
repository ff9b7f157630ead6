using k8s;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>
/// Where a <see cref="ResourceWatcher{TResource}"/> gets its objects: LIST pages and WATCH streams of one kind. Items
/// are raw JSON (custom resources, so one unreadable object is skipped, not fatal) or typed objects (built-in kinds).
/// </summary>
internal interface IWatchSource
{
    Task<WatchListPage> ListAsync(string? continueToken, CancellationToken cancellationToken);

    /// <summary>One watch from <paramref name="resourceVersion"/>, with bookmarks; ERROR events go to <paramref name="onError"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, object? Item)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken);
}

/// <summary>One LIST page: its items, the token of the next page (none: last), and the list's resourceVersion.</summary>
internal sealed record WatchListPage(IReadOnlyList<object> Items, string? ContinueToken, string? ResourceVersion);
