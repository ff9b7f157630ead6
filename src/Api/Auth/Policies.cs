using BudgetBuddy.TenantContracts;
using Microsoft.AspNetCore.Authorization;

namespace BudgetBuddy.Api.Auth;

/// <summary>
/// Authorization policies, one per scope. Each also requires an Active tenant, and the fallback policy does too, so
/// an endpoint that forgets to name a policy is still closed.
/// </summary>
internal static class Policies
{
    public const string BudgetRead = Scopes.BudgetRead;
    public const string BudgetWrite = Scopes.BudgetWrite;
    public const string AuditRead = Scopes.AuditRead;
    public const string Admin = Scopes.Admin;
    public const string EventsRead = Scopes.EventsRead;

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = TenantPolicy().Build();
        foreach (var scope in Scopes.All)
        {
            options.AddPolicy(scope, TenantPolicy().AddRequirements(new ScopeRequirement(scope)).Build());
        }
    }

    private static AuthorizationPolicyBuilder TenantPolicy() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new ActiveTenantRequirement());
}
