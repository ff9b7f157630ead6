namespace BudgetBuddy.Operator.Provisioning;

/// <summary>Names of the table capabilities a provisioning pass reports on.</summary>
public static class TableCapabilities
{
    public const string PointInTimeRecovery = "PointInTimeRecovery";
    public const string Tags = "Tags";
    public const string TableClass = "TableClass";
}
