namespace BudgetBuddy.Operator.Tenants;

/// <summary>Condition types of a BudgetBuddyTenant.</summary>
public static class TenantConditionTypes
{
    public const string Ready = "Ready";
    public const string TablesReady = "TablesReady";
    public const string SecretReady = "SecretReady";
    public const string Registered = "Registered";
    public const string PointInTimeRecovery = "PointInTimeRecovery";
}

/// <summary>Condition reasons, CamelCase as Kubernetes conventions ask.</summary>
public static class TenantReasons
{
    public const string Reconciling = "Reconciling";
    public const string Provisioned = "Provisioned";
    public const string TableCreating = "TableCreating";
    public const string TableMissing = "TableMissing";
    public const string Unsupported = "Unsupported";
    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";
    public const string Suspended = "Suspended";
    public const string Deleting = "Deleting";
    public const string Error = "Error";
    public const string TenantIdConflict = "TenantIdConflict";
    public const string TakenOver = "TakenOver";

    /// <summary>The spec breaks a rule of the CRD's schema (or cannot be read at all); nothing external is touched.</summary>
    public const string InvalidSpec = "InvalidSpec";
}
