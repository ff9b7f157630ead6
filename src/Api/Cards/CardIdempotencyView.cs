namespace BudgetBuddy.Api.Cards;

/// <summary>
/// What the idempotency record hashes for a card request: the number's keyed fingerprint in place of the number, so
/// no unkeyed hash of a card number is ever stored (PCI DSS 3.5.1.1).
/// </summary>
internal sealed record CardIdempotencyView(string PanFingerprint, int? ExpMonth, int? ExpYear, string? HolderName, string? AccountId);
