using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Money;

namespace BudgetBuddy.Api.Transactions;

/// <summary>Shape checks of transaction requests: what can be told without reading storage.</summary>
internal static class TransactionValidation
{
    public const int MaxPayeeLength = 200;
    public const int MaxMemoLength = 500;
    public const int MaxImportIdLength = 100;
    public const int MaxSplitLines = 50;
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2200, 12, 31);

    public static ValidationErrors Validate(CreateTransactionRequest request)
    {
        var errors = new ValidationErrors();
        RequireId("accountId", request.AccountId, errors);
        if (request.Date is null)
        {
            errors.Add("date", "date is required (yyyy-MM-dd).");
        }
        CheckDate(request.Date, errors);
        if (request.Amount is null)
        {
            errors.Add("amount", "amount is required, in minor units of the account's currency (negative = outflow).");
        }
        CheckAmount("amount", request.Amount, errors);
        CheckText(request.Payee, request.Memo, errors);
        CheckCategory("categoryId", request.CategoryId, errors);
        if (request.ImportId is { } importId && (importId.Length is 0 or > MaxImportIdLength || importId.Any(char.IsControl)))
        {
            errors.Add("importId", $"importId must be 1-{MaxImportIdLength} printable characters.");
        }
        CheckSplits(request.Splits, request.Amount, request.CategoryId, errors);

        if (request.TransferAccountId is { } transferAccount)
        {
            RequireId("transferAccountId", transferAccount, errors);
            if (transferAccount == request.AccountId)
            {
                errors.Add("transferAccountId", "A transfer needs two different accounts.");
            }
            if (request.CategoryId is not null || request.Splits is { Count: > 0 })
            {
                errors.Add("transferAccountId", "A transfer between accounts has no category or splits.");
            }
        }
        else if (request.TransferAmount is not null)
        {
            errors.Add("transferAmount", "transferAmount is only for transfers (with transferAccountId).");
        }
        CheckAmount("transferAmount", request.TransferAmount, errors);
        return errors;
    }

    public static ValidationErrors Validate(UpdateTransactionRequest patch)
    {
        var errors = new ValidationErrors();
        if (patch.AccountId is not null)
        {
            RequireId("accountId", patch.AccountId, errors);
        }
        CheckDate(patch.Date, errors);
        CheckAmount("amount", patch.Amount, errors);
        CheckAmount("transferAmount", patch.TransferAmount, errors);
        CheckText(patch.Payee, patch.Memo, errors);
        CheckNullLines(patch.Splits, errors);
        if (patch.CategoryId is { Length: > 0 })
        {
            CheckCategory("categoryId", patch.CategoryId, errors);
        }
        if (patch.Splits is { Count: > 0 } && patch.CategoryId is { Length: > 0 })
        {
            errors.Add("categoryId", "A split transaction has its categories on its split lines, not on itself.");
        }
        return errors;
    }

    /// <summary>Split lines: each with an amount, categories well formed, and the sum equal to the transaction's amount.</summary>
    /// <summary>The other side of a transfer: stated when the currencies differ, implied when they agree, moving the other way.</summary>
    public static void CheckTransferAmounts(Account from, Account to, long amount, long? transferAmount, ValidationErrors errors)
    {
        if (from.Currency != to.Currency && transferAmount is null)
        {
            errors.Add("transferAmount", $"The accounts are in {from.Currency} and {to.Currency}: state the amount arriving in {to.Currency} as transferAmount.");
        }
        else if (from.Currency == to.Currency && transferAmount is { } stated && stated != -amount)
        {
            errors.Add("transferAmount", $"Between two {from.Currency} accounts the other side is exactly {-amount}; leave transferAmount out.");
        }
        else if (transferAmount is { } other && (other == 0 || Math.Sign(other) == Math.Sign(amount)))
        {
            errors.Add("transferAmount", "transferAmount moves the other way from amount (one side out, the other in).");
        }
    }

    public static void CheckSplits(IReadOnlyList<SplitLineRequest>? splits, long? amount, string? categoryId, ValidationErrors errors)
    {
        if (splits is null or { Count: 0 })
        {
            return;
        }
        if (splits.Count > MaxSplitLines)
        {
            errors.Add("splits", $"A transaction has at most {MaxSplitLines} split lines.");
            return;
        }
        if (categoryId is not null)
        {
            errors.Add("categoryId", "A split transaction has its categories on its split lines, not on itself.");
        }
        if (CheckNullLines(splits, errors))
        {
            return;
        }
        for (var i = 0; i < splits.Count; i++)
        {
            if (splits[i].Amount is null)
            {
                errors.Add($"splits[{i}].amount", "Each split line needs an amount.");
            }
            CheckAmount($"splits[{i}].amount", splits[i].Amount, errors);
            CheckCategory($"splits[{i}].categoryId", splits[i].CategoryId, errors);
            if (splits[i].Memo is { Length: > MaxMemoLength })
            {
                errors.Add($"splits[{i}].memo", $"memo must be at most {MaxMemoLength} characters.");
            }
        }
        // Only amounts in range are summed: at most 50 of them cannot overflow a long, any two out-of-range ones can.
        if (amount is { } total && splits.All(s => s.Amount is { } a && MinorUnits.InRange(a)))
        {
            var sum = splits.Sum(s => s.Amount!.Value);
            if (sum != total)
            {
                errors.Add("splits", $"The split lines sum to {sum} but the amount is {total}; they must be equal.");
            }
        }
    }

    /// <returns>Whether a line is null (JSON <c>null</c> in the list), each named in <paramref name="errors"/>.</returns>
    private static bool CheckNullLines(IReadOnlyList<SplitLineRequest?>? splits, ValidationErrors errors)
    {
        var any = false;
        for (var i = 0; i < (splits?.Count ?? 0); i++)
        {
            if (splits![i] is null)
            {
                errors.Add($"splits[{i}]", "A split line is an object with an amount, not null.");
                any = true;
            }
        }
        return any;
    }

    private static void RequireId(string field, string? id, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (!ResourceId.IsWellFormed(id))
        {
            errors.Add(field, $"{field} is not an id this API issued.");
        }
    }

    private static void CheckCategory(string field, string? id, ValidationErrors errors)
    {
        if (id is not null && !ResourceId.IsWellFormed(id))
        {
            errors.Add(field, $"{field} is not an id this API issued.");
        }
    }

    private static void CheckDate(DateOnly? date, ValidationErrors errors)
    {
        if (date is { } d && (d < Earliest || d > Latest))
        {
            errors.Add("date", $"date must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        }
    }

    private static void CheckAmount(string field, long? amount, ValidationErrors errors)
    {
        if (amount is { } value && !MinorUnits.InRange(value))
        {
            errors.Add(field, $"{field} must be between -{MinorUnits.Max} and {MinorUnits.Max} minor units.");
        }
    }

    private static void CheckText(string? payee, string? memo, ValidationErrors errors)
    {
        if (payee is { Length: > MaxPayeeLength })
        {
            errors.Add("payee", $"payee must be at most {MaxPayeeLength} characters.");
        }
        if (memo is { Length: > MaxMemoLength })
        {
            errors.Add("memo", $"memo must be at most {MaxMemoLength} characters.");
        }
    }
}
