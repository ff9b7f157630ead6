namespace BudgetBuddy.Operator.Runtime.LeaderElection;

/// <summary>Leader election switched off: this replica always leads, and the work simply runs.</summary>
internal sealed class AlwaysLeader : ILeaderElection
{
    private volatile bool running;

    public bool IsLeader => running;

    public async Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        running = true;
        try
        {
            await work(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            running = false;
        }
    }
}
