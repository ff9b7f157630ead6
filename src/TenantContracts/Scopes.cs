namespace BudgetBuddy.TenantContracts;

/// <summary>OAuth scopes the API understands (space-separated in the <c>scope</c> claim).</summary>
public static class Scopes
{
    public const string BudgetRead = "budget:read";
    public const string BudgetWrite = "budget:write";
    public const string AuditRead = "audit:read";
    public const string Admin = "admin";

    /// <summary>The tenant's whole event feed: for the bank's back-office systems, not for one user's app.</summary>
    public const string EventsRead = "events:read";

    public static readonly IReadOnlyList<string> All = [BudgetRead, BudgetWrite, AuditRead, Admin, EventsRead];
}
