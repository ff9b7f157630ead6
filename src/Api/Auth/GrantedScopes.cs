using System.Security.Claims;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Auth;

/// <summary>The scopes a validated token grants: its space-separated <c>scope</c> claim.</summary>
internal static class GrantedScopes
{
    public static bool Include(ClaimsPrincipal user, string scope) =>
        user.FindAll(TokenContract.ScopeClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}
