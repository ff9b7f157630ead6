using System.Collections.Concurrent;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The last change-log sequence this process committed per user, as the API keeps it per pod: a write takes the next
/// one without querying the log's head first. A head here can only be behind the truth (another writer committed
/// since), never ahead, since it is set after a commit; a stale one fails the commit's <c>CHANGE#n</c> condition,
/// and the committer forgets it and reads the head again. Unknown users (the first write of each, in a fresh process)
/// cost one query, as in a freshly started API.
/// </summary>
internal sealed class ChangeHeads
{
    private readonly ConcurrentDictionary<(string Table, string User), long> heads = new();

    public bool TryGet(LedgerUser user, out long sequence) => heads.TryGetValue((user.LedgerTable, user.Id), out sequence);

    public void Committed(LedgerUser user, long sequence) => heads[(user.LedgerTable, user.Id)] = sequence;

    public void Forget(LedgerUser user) => heads.TryRemove((user.LedgerTable, user.Id), out _);
}
