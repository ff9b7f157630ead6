using BudgetBuddy.Api.BreachDetection;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.TenantContracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetBuddy.Api.Auth;

/// <summary>
/// JwtBearer events for per-tenant keys. The key resolver of the JWT handler is synchronous, so before validation
/// the token's tenant record is loaded (or refreshed for an unknown <c>kid</c>) into the registry cache; the resolver
/// then offers only that tenant's keys, so a token naming tenant A but signed with B's key never verifies.
/// </summary>
internal sealed class TenantTokenEvents(TenantRegistry registry, IProblemDetailsService problems, SecuritySignals signals) : JwtBearerEvents
{
    private const int MaxUserIdLength = 256;

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var token = header["Bearer ".Length..].Trim();
        context.Token = token;
        if (TryReadUnverified(token, out var tenantId, out var keyId))
        {
            await registry.GetWithKeyAsync(tenantId, keyId, context.HttpContext.RequestAborted);
        }
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        var user = context.Principal?.FindFirst("sub")?.Value;
        var tenant = context.Principal?.FindFirst(TokenContract.TenantClaim)?.Value;
        if (string.IsNullOrEmpty(user) || user.Length > MaxUserIdLength || user.Any(char.IsControl))
        {
            context.Fail("The token's sub claim must name the user (1-256 characters).");
        }
        else if (!TenantId.IsValid(tenant))
        {
            context.Fail("The token's tenant claim is missing or not a tenant id.");
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A refused token is a security signal: signed with another tenant's key, with a key nobody has, or refused for
    /// another reason. Labelled with the tenant it names only when that tenant exists, so no caller chooses labels.
    /// </summary>
    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        TryReadUnverified(context.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : "", out var tenantId, out var keyId);
        var tenant = tenantId.Length > 0 && registry.IsKnown(tenantId) ? tenantId : SecuritySignal.UnknownTenant;
        var signal = context.Exception switch
        {
            SecurityTokenSignatureKeyNotFoundException when keyId is not null && registry.CachedOwnerOfKey(keyId, tenantId) is not null => SecuritySignal.ForeignKey,
            SecurityTokenSignatureKeyNotFoundException => SecuritySignal.UnknownKeyId,
            _ => SecuritySignal.RefusedToken,
        };
        signals.Raise(tenant, signal);
        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = Describe(context.AuthenticateFailure, context.Request.Headers.Authorization.Count > 0);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{detail}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = detail },
        });
    }

    /// <summary>The resolver JwtBearer calls for signing keys: only keys of the tenant the token names.</summary>
    public static IEnumerable<SecurityKey> ResolveKeys(TenantRegistry registry, SecurityToken token) =>
        token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(TokenContract.TenantClaim, out var tenantId) && TenantId.IsValid(tenantId)
            ? registry.CachedSigningKeys(tenantId)
            : [];

    private static bool TryReadUnverified(string token, out string tenantId, out string? keyId)
    {
        tenantId = "";
        keyId = null;
        try
        {
            var jwt = new JsonWebToken(token);
            keyId = jwt.Kid;
            if (jwt.TryGetPayloadValue<string>(TokenContract.TenantClaim, out var claimed) && TenantId.IsValid(claimed))
            {
                tenantId = claimed;
                return true;
            }
        }
        catch (ArgumentException)
        {
            // Malformed: validation rejects it with a proper 401 next.
        }
        return false;
    }

    private static string Describe(Exception? failure, bool tokenSent) => failure switch
    {
        null when !tokenSent => "This operation needs a bearer token in the Authorization header.",
        null => "The Authorization header must be 'Bearer <token>'.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this API.",
        SecurityTokenInvalidAlgorithmException => $"The token must be signed with {TokenContract.Algorithm}.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The token's signature does not verify with any current key of the tenant it names.",
        SecurityTokenMalformedException => "The token is not a well-formed JWT.",
        SecurityTokenValidationException e when e.Message.StartsWith("The token's", StringComparison.Ordinal) => e.Message,
        _ => "The token is not valid.",
    };
}
