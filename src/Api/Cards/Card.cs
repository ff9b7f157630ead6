namespace BudgetBuddy.Api.Cards;

/// <summary>
/// A stored payment card as every answer shows it: never the number, only its last four digits and a masked form.
/// </summary>
/// <param name="Brand">visa, mastercard, amex, discover, diners, jcb, unionpay, maestro, or unknown.</param>
/// <param name="Masked">The number with all but the last four digits hidden, e.g. <c>************4242</c>.</param>
/// <param name="AccountId">The account the card pays from or into.</param>
public sealed record Card(
    string Id,
    string Brand,
    string Last4,
    string Masked,
    int ExpMonth,
    int ExpYear,
    string HolderName,
    string AccountId,
    DateTimeOffset CreatedAt,
    long Version);
