namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// The public half of a signing key whose private half was lost with its Secret before a sealed copy existed: it
/// stays published until <paramref name="Retires"/>, so the tokens it signed keep verifying for a rotation's overlap.
/// </summary>
internal sealed record LostSigningKey(SigningKey Key, DateTimeOffset Retires);
