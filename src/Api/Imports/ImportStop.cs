namespace BudgetBuddy.Api.Imports;

/// <summary>Why an import stopped before its last line: every batch before the stop committed whole, none after it.</summary>
internal enum ImportStop
{
    /// <summary>It did not stop: every line was imported or found to be a duplicate.</summary>
    None,

    /// <summary>The account was closed or deleted while the import ran.</summary>
    AccountClosed,

    /// <summary>The store refused or failed a batch (contention that outlasted the retries, or an error).</summary>
    StoreUnavailable,

    /// <summary>An import job's progress write failed its condition: another worker has taken the job over.</summary>
    Superseded,
}
