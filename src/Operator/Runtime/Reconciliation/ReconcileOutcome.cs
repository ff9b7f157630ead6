namespace BudgetBuddy.Operator.Runtime.Reconciliation;

/// <summary>What a reconcile asks of the work queue.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged: forget the key's backoff and wait for the next change or resync.</summary>
    Done,

    /// <summary>Not converged yet but nothing failed (a table still CREATING): look again after a fixed delay.</summary>
    RequeueAfter,

    /// <summary>Failed: retry with the key's exponential backoff.</summary>
    Failed,
}
