using BudgetBuddy.TenantContracts;
using Microsoft.AspNetCore.Authorization;

namespace BudgetBuddy.Api.Auth;

/// <summary>The token's space-separated <c>scope</c> claim must include <see cref="Scope"/>.</summary>
internal sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (GrantedScopes.Include(context.User, requirement.Scope))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, $"The token lacks the scope '{requirement.Scope}' this operation needs."));
        }
        return Task.CompletedTask;
    }
}
