using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>What to put in a test token; defaults make a valid one.</summary>
public sealed record TokenSpec(string Tenant, string User)
{
    public IReadOnlyList<string> Scopes { get; init; } = [BudgetBuddy.TenantContracts.Scopes.BudgetRead, BudgetBuddy.TenantContracts.Scopes.BudgetWrite];
    public string Issuer { get; init; } = TokenContract.DefaultIssuer;
    public string Audience { get; init; } = TokenContract.DefaultAudience;
    public DateTime? Expires { get; init; }
    public DateTime? IssuedAt { get; init; }

    /// <summary>Sign with this key instead of the tenant's own (its kid is used in the header).</summary>
    public SigningKey? SignWith { get; init; }

    /// <summary>Put this kid in the header instead of the signing key's own.</summary>
    public string? KeyId { get; init; }
}

/// <summary>Mints tokens the way a tenant's auth service would, plus the broken ones the API must refuse.</summary>
public static class TestTokens
{
    public static string Sign(TokenSpec spec, SigningKey key)
    {
        var now = spec.IssuedAt ?? DateTime.UtcNow;
        var signer = spec.SignWith ?? key;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = spec.Expires ?? now.AddHours(1),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", spec.User),
                new Claim(TokenContract.TenantClaim, spec.Tenant),
                new Claim(TokenContract.ScopeClaim, string.Join(' ', spec.Scopes)),
            ]),
            // Uncached: IdentityModel caches signers by key id, and these keys are disposed after each token.
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signer.Key) { KeyId = spec.KeyId ?? signer.KeyId }, SecurityAlgorithms.EcdsaSha256)
            {
                CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming the given tenant and user, with the tenant's kid.</summary>
    public static string WithoutSignature(string tenant, string user, string keyId)
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = $$"""{"alg":"none","typ":"JWT","kid":"{{keyId}}"}""";
        var payload = $$"""{"sub":"{{user}}","tenant":"{{tenant}}","scope":"budget:read budget:write","iss":"{{TokenContract.DefaultIssuer}}","aud":"{{TokenContract.DefaultAudience}}","exp":{{exp}}}""";
        return $"{Encode(header)}.{Encode(payload)}.";
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
