using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Money;

namespace BudgetBuddy.Api.Accounts;

internal static class AccountValidation
{
    public static ValidationErrors Validate(CreateAccountRequest request)
    {
        var errors = new ValidationErrors();
        TextRules.RequireName("name", request.Name, errors);
        if (request.Type is null)
        {
            errors.Add("type", "type is required: one of checking, savings, credit_card, cash, loan.");
        }
        if (string.IsNullOrEmpty(request.Currency))
        {
            errors.Add("currency", "currency is required: an ISO 4217 code such as USD.");
        }
        else if (!Currencies.IsKnown(request.Currency))
        {
            errors.Add("currency", $"'{Truncate(request.Currency)}' is not an ISO 4217 currency code in circulation (upper case, e.g. USD).");
        }
        CheckAmount("openingBalance", request.OpeningBalance, errors);
        return errors;
    }

    public static ValidationErrors Validate(UpdateAccountRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            TextRules.CheckName("name", request.Name, errors);
        }
        CheckAmount("openingBalance", request.OpeningBalance, errors);
        return errors;
    }

    private static void CheckAmount(string field, long? amount, ValidationErrors errors)
    {
        if (amount is { } value && !MinorUnits.InRange(value))
        {
            errors.Add(field, $"{field} must be between -{MinorUnits.Max} and {MinorUnits.Max} minor units.");
        }
    }

    private static string Truncate(string value) => value.Length > 10 ? value[..10] + "…" : value;
}
