using System.Reflection;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Auth;

/// <summary>
/// Who is calling: the tenant and user from the validated token (never from the URL or body), and the tenant's
/// registry record. Handlers take it as a parameter; it exists only once authorization has passed.
/// </summary>
public sealed record Caller(string UserId, TenantRecord Tenant)
{
    public string TenantId => Tenant.TenantId;

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(context.Features.Get<Caller>()
            ?? throw new InvalidOperationException("Caller is bound only on endpoints that require an authorization policy."));
}
