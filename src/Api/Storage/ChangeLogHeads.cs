using Microsoft.Extensions.Caching.Memory;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// The last change-log sequence this pod committed per user, so a write need not query the log's head first. A head
/// seen here can only be behind the truth (another pod wrote since), never ahead: it is set after a commit succeeds.
/// The one exception is an erasure, which empties the log: the erasing pod forgets the user's head, and a head another
/// pod still holds only makes the new log start above 1 (its put of the next number succeeds), skipping nothing.
/// A stale one makes the commit's <c>CHANGE#n</c> put fail its condition; the committer then forgets it and reads the
/// head again, so the cache saves a Query per write without ever skipping or reusing a sequence number.
/// </summary>
internal sealed class ChangeLogHeads : IDisposable
{
    // Bounded: a pod serving many users keeps the recent writers, and the rest cost one Query on their next write.
    private const int MaxUsers = 100_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache heads = new(new MemoryCacheOptions { SizeLimit = MaxUsers });

    public bool TryGet(string ledgerTable, string userId, out long sequence) => heads.TryGetValue((ledgerTable, userId), out sequence);

    public void Committed(string ledgerTable, string userId, long sequence) =>
        heads.Set((ledgerTable, userId), sequence, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    public void Forget(string ledgerTable, string userId) => heads.Remove((ledgerTable, userId));

    public void Dispose() => heads.Dispose();
}
