using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.TenantContracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BudgetBuddy.Api.Auth;

internal static class AuthExtensions
{
    /// <summary>JWT bearer authentication against per-tenant keys from the registry, and scope policies.</summary>
    public static IServiceCollection AddTenantAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience), "Auth: Issuer and Audience must be set.")
            .ValidateOnStart();
        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.Section))
            .Validate(o => o.CacheTtl >= TimeSpan.Zero && o.MinRefreshInterval >= TimeSpan.Zero, "Registry: CacheTtl and MinRefreshInterval must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantTokenEvents>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TenantRegistry>((options, auth, registry) =>
            {
                options.MapInboundClaims = false;
                options.EventsType = typeof(TenantTokenEvents);
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    ClockSkew = TokenContract.ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    NameClaimType = "sub",
                    IssuerSigningKeyResolver = (_, token, _, _) => TenantTokenEvents.ResolveKeys(registry, token),
                };
            });

        services.AddSingleton<IAuthorizationHandler, ActiveTenantHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorization(Policies.Configure);
        return services;
    }
}
