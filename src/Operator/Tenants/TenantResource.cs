namespace BudgetBuddy.Operator.Tenants;

/// <summary>The coordinates of the BudgetBuddyTenant custom resource, in one place.</summary>
public static class TenantResource
{
    public const string Group = "budgetbuddy.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Kind = "BudgetBuddyTenant";
    public const string ListKind = "BudgetBuddyTenantList";
    public const string Plural = "budgetbuddytenants";
    public const string Singular = "budgetbuddytenant";
    public const string ShortName = "bbt";
    public const string CrdName = Plural + "." + Group;

    /// <summary>Held on every tenant until its registry item (and, by policy, its tables) are gone.</summary>
    public const string Finalizer = "budgetbuddy.io/finalizer";
}
