using System.Collections.Concurrent;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// One write per user at a time, as the API's write gate lets them through a pod: a user's writes commit one after
/// another anyway (each claims the next change-log sequence), and queueing them wastes no attempt on a sequence a
/// racing write just took. A read-modify-write holds its turn across the read and the commit.
/// </summary>
internal sealed class UserGates
{
    // One semaphore per user for the whole run: a seed has hundreds of users, not millions.
    private readonly ConcurrentDictionary<(string Table, string User), SemaphoreSlim> gates = new();

    public async Task<IDisposable> EnterAsync(LedgerUser user, CancellationToken ct)
    {
        var gate = gates.GetOrAdd((user.LedgerTable, user.Id), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
