using BudgetBuddy.TenantContracts;
using Microsoft.IdentityModel.Tokens;

namespace BudgetBuddy.Api.Tenancy;

/// <summary>A registry read: the record (null when the tenant does not exist) and its parsed public keys.</summary>
internal sealed record CachedTenant(TenantRecord? Record, IReadOnlyList<JsonWebKey> SigningKeys, DateTimeOffset FetchedAt)
{
    public bool HasKey(string? keyId) => keyId is not null && SigningKeys.Any(k => k.KeyId == keyId);
}
