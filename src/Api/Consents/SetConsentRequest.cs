namespace BudgetBuddy.Api.Consents;

/// <summary>Records a decision: <c>{"purpose": "sensitive-data", "granted": true, "version": "2026-01", "source": "app"}</c>.</summary>
public sealed record SetConsentRequest(string? Purpose, bool? Granted, string? Version, string? Source)
{
    public const int MaxVersionLength = 40;
    public const int MaxSourceLength = 100;
}
