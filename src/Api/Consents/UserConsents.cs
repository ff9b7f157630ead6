namespace BudgetBuddy.Api.Consents;

/// <summary>The user's decisions, one per purpose they have decided on; a purpose not listed was never granted.</summary>
public sealed record UserConsents(IReadOnlyList<Consent> Consents);
