namespace BudgetBuddy.TenantContracts;

/// <summary>What a BudgetBuddy access token must carry, shared by whoever mints tokens and the API that checks them.</summary>
public static class TokenContract
{
    public const string Algorithm = "ES256";
    public const string TenantClaim = "tenant";
    public const string ScopeClaim = "scope";
    public const string DefaultIssuer = "https://auth.budgetbuddy.local";
    public const string DefaultAudience = "budgetbuddy-api";

    /// <summary>Tolerated clock difference between the token minter and the API.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
}
