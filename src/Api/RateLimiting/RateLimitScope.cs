namespace BudgetBuddy.Api.RateLimiting;

/// <summary>Which limit turned a request away; the label of the rejection counter and the problem's <c>limit</c>.</summary>
internal enum RateLimitScope
{
    Tenant,
    User,
}
