namespace BudgetBuddy.Api.Cards;

/// <summary>A card to store. <see cref="Pan"/> may contain spaces or dashes between digit groups.</summary>
/// <param name="Pan">The primary account number, 12 to 19 digits; it is encrypted at once and never shown again.</param>
public sealed record CreateCardRequest(string? Pan, int? ExpMonth, int? ExpYear, string? HolderName, string? AccountId);
