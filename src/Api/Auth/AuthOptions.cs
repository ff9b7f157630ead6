using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Auth;

/// <summary>What an access token must say to be accepted (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = TokenContract.DefaultIssuer;

    public string Audience { get; set; } = TokenContract.DefaultAudience;
}
