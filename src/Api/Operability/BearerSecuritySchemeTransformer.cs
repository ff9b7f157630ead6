using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.Operability;

/// <summary>Documents the bearer (JWT) scheme and requires it for every operation in the OpenAPI document.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    private const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "BudgetBuddy API";
        document.Info.Description =
            "Multi-tenant budgeting. Every call needs a JWT (ES256) from the tenant's auth service with claims sub, tenant " +
            "and scope. Errors are RFC 9457 problem details; money is integer minor units of the account's currency.";
        document.Info.Contact = new OpenApiContact { Name = "BudgetBuddy platform team" };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token signed with the tenant's ES256 key; scopes budget:read, budget:write, audit:read, admin. "
                + "Validated as RFC8725 (JWT best current practices) asks: the algorithm is pinned (alg none and HMAC are refused), "
                + "issuer, audience and expiry are checked, keys are resolved by kid from the tenant's published keys.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
        return Task.CompletedTask;
    }
}
