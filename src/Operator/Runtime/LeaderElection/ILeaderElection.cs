namespace BudgetBuddy.Operator.Runtime.LeaderElection;

/// <summary>Runs work only while this replica holds leadership, so that of several replicas one reconciles.</summary>
public interface ILeaderElection
{
    /// <summary>Whether this replica leads right now.</summary>
    bool IsLeader { get; }

    /// <summary>
    /// Campaigns for leadership and runs <paramref name="work"/> while leading. If leadership is lost, the work's token
    /// fires and, once the work has returned, the campaign starts again. Returns when <paramref name="cancellationToken"/>
    /// fires or the work returns on its own, giving leadership up either way; rethrows the work's exception.
    /// </summary>
    Task RunWhileLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken);
}
