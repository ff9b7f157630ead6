namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Lets one write per user at a time through this process. A user's writes commit one at a time anyway (each
/// claims the next change-log sequence); queueing them here instead of letting them race means no attempt is
/// wasted on a sequence another request of this pod just took. Writers on other pods still race, and lose
/// cleanly, through the sequence condition.
/// <para>
/// A read-modify-write holds its turn across the read and the commit, and hands the turn to the commit, which then
/// does not queue a second time.
/// </para>
/// </summary>
internal sealed class UserWriteGate
{
    private readonly Dictionary<string, Entry> gates = new(StringComparer.Ordinal);

    public static string KeyOf(Auth.Caller caller) => $"{caller.TenantId}/{caller.UserId}";

    public Task<IDisposable> EnterAsync(Auth.Caller caller, CancellationToken ct) => EnterAsync(KeyOf(caller), ct);

    public async Task<IDisposable> EnterAsync(string userKey, CancellationToken ct)
    {
        Entry entry;
        lock (gates)
        {
            if (!gates.TryGetValue(userKey, out entry!))
            {
                gates[userKey] = entry = new Entry();
            }
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(userKey, entry, release: false);
            throw;
        }
        return new Ticket(this, userKey, entry);
    }

    // The entry goes once nobody holds or waits for it, so memory follows active users, not all users ever seen.
    private void Leave(string userKey, Entry entry, bool release)
    {
        if (release)
        {
            entry.Semaphore.Release();
        }
        lock (gates)
        {
            if (--entry.Users == 0)
            {
                gates.Remove(userKey);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Ticket(UserWriteGate gate, string userKey, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Leave(userKey, entry, release: true);
            }
        }
    }
}
