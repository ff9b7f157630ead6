namespace BudgetBuddy.Operator.Provisioning;

/// <summary>What a DeleteTable found.</summary>
internal enum TableDeletion
{
    /// <summary>The table is being deleted now.</summary>
    Deleted,

    /// <summary>There was no table.</summary>
    Absent,

    /// <summary>The table is changing (or already being deleted); try again later.</summary>
    Busy,
}
