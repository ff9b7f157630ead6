using k8s;
using k8s.Models;

namespace BudgetBuddy.Operator.Runtime.Reconciliation;

/// <summary>
/// Brings the object named by a key ("namespace/name") to its desired state. Level-based: it reads the current
/// object (from <see cref="Watcher.IResourceCache{TResource}"/> or the API), never the event that woke it. The runtime
/// never runs two reconciles of one key at once.
/// </summary>
/// <typeparam name="TResource">The kind this reconciler owns; it tells controllers of different kinds apart.</typeparam>
public interface IReconciler<TResource>
    where TResource : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Reconciles one object; throwing counts as <see cref="ReconcileResult.Failed(string)"/>.</summary>
    Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken);
}
