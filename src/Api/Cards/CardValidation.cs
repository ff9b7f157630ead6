using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Cards;

/// <summary>Checks a card request; messages never repeat the number, since problems can end up in client logs.</summary>
internal static class CardValidation
{
    public const int MaxHolderNameLength = 100;

    /// <returns>The card number's digits when valid (null otherwise, with the problems in <paramref name="errors"/>).</returns>
    public static string? Validate(CreateCardRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        string? digits = null;
        if (string.IsNullOrEmpty(request.Pan))
        {
            errors.Add("pan", "pan is required.");
        }
        else if (CardNumber.Normalize(request.Pan) is not { } normalized
            || normalized.Length is < CardNumber.MinLength or > CardNumber.MaxLength)
        {
            errors.Add("pan", $"pan must be {CardNumber.MinLength} to {CardNumber.MaxLength} digits, optionally grouped by single spaces or dashes.");
        }
        else if (!CardNumber.PassesLuhn(normalized))
        {
            errors.Add("pan", "pan is not a valid card number (its check digit does not match).");
        }
        else
        {
            digits = normalized;
        }

        if (request.ExpMonth is not (>= 1 and <= 12))
        {
            errors.Add("expMonth", "expMonth is required, 1 to 12.");
        }
        if (request.ExpYear is not { } year || year < now.Year || year > now.Year + 20)
        {
            errors.Add("expYear", $"expYear is required, a four-digit year from {now.Year} to {now.Year + 20}.");
        }
        else if (request.ExpMonth is { } month and >= 1 and <= 12 && (year, month).CompareTo((now.Year, now.Month)) < 0)
        {
            errors.Add("expYear", "The card has expired.");
        }

        if (string.IsNullOrWhiteSpace(request.HolderName))
        {
            errors.Add("holderName", "holderName is required.");
        }
        else if (request.HolderName.Trim().Length > MaxHolderNameLength || request.HolderName.Any(char.IsControl))
        {
            errors.Add("holderName", $"holderName must be at most {MaxHolderNameLength} characters, without control characters.");
        }

        if (string.IsNullOrEmpty(request.AccountId))
        {
            errors.Add("accountId", "accountId is required.");
        }
        return errors.Any ? null : digits;
    }
}
