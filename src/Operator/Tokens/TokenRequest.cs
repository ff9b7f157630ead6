namespace BudgetBuddy.Operator.Tokens;

/// <summary>What a minted token says: who, for which tenant, allowed to do what, for how long.</summary>
public sealed record TokenRequest(
    string TenantId,
    string UserId,
    IReadOnlyList<string> Scopes,
    TimeSpan Lifetime,
    string Issuer,
    string Audience);
