namespace BudgetBuddy.Api.Consents;

/// <summary>
/// A user's current decision on one purpose: granted or revoked, for which version of the consent text, from which
/// source (the app screen, the bank's back office), and when it was recorded. Every change is in the audit trail.
/// </summary>
public sealed record Consent(string Purpose, bool Granted, string Version, string Source, DateTimeOffset RecordedAt);
