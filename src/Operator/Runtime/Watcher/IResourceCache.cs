using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>
/// The watcher's local copy of every object of one kind, kept current by list+watch. It may lag the API server by
/// the time an event takes to arrive; a reconciler that must act on the newest version reads the API.
/// </summary>
/// <typeparam name="TResource">The kind cached.</typeparam>
public interface IResourceCache<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Whether the first LIST has completed (readiness: before it, "not cached" does not mean "absent").</summary>
    bool HasSynced { get; }

    /// <summary>The keys ("namespace/name") of every cached object, as a snapshot.</summary>
    IReadOnlyCollection<string> Keys { get; }

    /// <summary>
    /// A copy of the cached object with <paramref name="key"/>: a copy, so a reconciler may change it without
    /// corrupting what later reconciles compare against.
    /// </summary>
    bool TryGet(string key, [MaybeNullWhen(false)] out TResource resource);

    /// <summary>Completes once <see cref="HasSynced"/> is true.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
