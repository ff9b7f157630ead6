using k8s.LeaderElection;

namespace BudgetBuddy.Operator.Runtime.Fencing;

/// <summary>
/// The Lease lock the elector uses, telling <see cref="LeaseFence"/> of every acquire or renewal that succeeded for
/// this identity, with the time it started: the only moment from which the Lease is known to run.
/// </summary>
internal sealed class FencedLeaseLock(ILock inner, LeaseFence fence, long term, TimeProvider time) : ILock
{
    public string Identity => inner.Identity;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => inner.GetAsync(cancellationToken);

    public async Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetTimestamp();
        var created = await inner.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        Record(created, record, startedAt);
        return created;
    }

    public async Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetTimestamp();
        var updated = await inner.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        Record(updated, record, startedAt);
        return updated;
    }

    public string Describe() => inner.Describe();

    private void Record(bool succeeded, LeaderElectionRecord record, long startedAt)
    {
        if (succeeded && !string.IsNullOrEmpty(record?.HolderIdentity) && record.HolderIdentity == inner.Identity)
        {
            fence.Renewed(term, startedAt);
        }
    }
}
