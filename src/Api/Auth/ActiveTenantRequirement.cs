using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.TenantContracts;
using Microsoft.AspNetCore.Authorization;

namespace BudgetBuddy.Api.Auth;

/// <summary>The token's tenant must be registered and Active. On success the request's <see cref="Caller"/> is set.</summary>
internal sealed class ActiveTenantRequirement : IAuthorizationRequirement;

internal sealed class ActiveTenantHandler(TenantRegistry registry, IHttpContextAccessor httpContext) : AuthorizationHandler<ActiveTenantRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveTenantRequirement requirement)
    {
        var http = httpContext.HttpContext;
        var tenantId = context.User.FindFirst(TokenContract.TenantClaim)?.Value;
        var userId = context.User.FindFirst("sub")?.Value;
        if (http is null || tenantId is null || userId is null)
        {
            return;
        }

        var tenant = (await registry.GetAsync(tenantId, http.RequestAborted)).Record;
        if (tenant is null)
        {
            context.Fail(new AuthorizationFailureReason(this, $"Tenant '{tenantId}' is not registered."));
            return;
        }
        if (tenant.Status != TenantStatus.Active)
        {
            context.Fail(new AuthorizationFailureReason(this, $"Tenant '{tenantId}' is {tenant.Status.ToString().ToLowerInvariant()} and is not being served."));
            return;
        }
        http.Features.Set(new Caller(userId, tenant));
        context.Succeed(requirement);
    }
}
