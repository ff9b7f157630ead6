using System.Security.Claims;
using System.Text;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetBuddy.Operator.Tokens;

/// <summary>
/// Mints access tokens with a tenant's private key, as the tenant's own auth service would. Used by
/// <c>make token</c> for local development and by the tests.
/// </summary>
public sealed class TenantTokenIssuer(ITenantSecretStore secrets, TimeProvider time)
{
    public async Task<string> IssueAsync(TokenRequest request, CancellationToken ct)
    {
        var tenantId = TenantId.Require(request.TenantId);
        var secret = await secrets.ReadAsync(tenantId, ct);
        if (secret is null || !secret.TryGetValue(TenantSecretLayout.SigningKeyPem, out var pem))
        {
            throw new InvalidOperationException($"Tenant '{tenantId}' has no signing key yet: provision it first (make tenant TENANT={tenantId}).");
        }
        using var key = SigningKey.FromPem(Encoding.UTF8.GetString(pem));
        return Sign(request, key);
    }

    internal string Sign(TokenRequest request, SigningKey key)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer,
            Audience = request.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + request.Lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, request.UserId),
                new Claim(TokenContract.TenantClaim, request.TenantId),
                new Claim(TokenContract.ScopeClaim, string.Join(' ', request.Scopes)),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            // Uncached: IdentityModel caches signers by key id, and the key is disposed once the token is signed.
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key.Key) { KeyId = key.KeyId }, SecurityAlgorithms.EcdsaSha256)
            {
                CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
