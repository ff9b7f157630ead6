using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Applies a merge patch to a transaction's plain state, or says why it cannot: the locks of a reconciled transaction
/// and of a transfer's accounts, the references the patch names, and whether the transaction must be (or stay) sealed.
/// A transfer's other side follows date, amount and sealing. Reads references; writes nothing.
/// </summary>
internal sealed class TransactionEditPlanner(TransactionReferences references, TimeProvider time)
{
    public async Task<WriteOutcome<TransactionEdit>> PlanAsync(
        Caller caller, Transaction current, Transaction? pair, UpdateTransactionRequest patch, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var amountChanges = patch.Amount is { } a && a != current.Amount;
        var accountChanges = patch.AccountId is { } acc && acc != current.AccountId;
        if (current.Cleared == ClearedState.Reconciled && (amountChanges || accountChanges))
        {
            return WriteOutcome<TransactionEdit>.Blocked(
                "The transaction is reconciled: its amount and account are locked. Set cleared to 'cleared' first, then change it.");
        }

        var isTransfer = current.TransferAccountId is not null;
        if (isTransfer && (accountChanges || patch.CategoryId is { Length: > 0 } || patch.Splits is { Count: > 0 }))
        {
            errors.Add(accountChanges ? "accountId" : "categoryId",
                "A transfer's accounts, category and splits cannot be changed; delete the transfer and create a new one.");
        }

        var amount = patch.Amount ?? current.Amount;
        var categoryId = patch.CategoryId is null ? current.CategoryId : patch.CategoryId.Length == 0 ? null : patch.CategoryId;
        var splitsRequest = patch.Splits ?? current.Splits?.Select(s => new SplitLineRequest(s.CategoryId, s.Amount, s.Memo)).ToList();
        if (patch.Splits is { Count: > 0 })
        {
            categoryId = null;
        }
        TransactionValidation.CheckSplits(splitsRequest, amount, categoryId, errors);
        await references.CheckCategoriesAsync(caller, patch.CategoryId, patch.Splits, errors, ct);

        // Sticky: left out, a sensitive transaction stays sensitive wherever it moves; one that is not becomes so in a
        // sensitive category. Unsealing is refused while a category still demands sealing.
        var sensitive = patch.Sensitive ?? current.Sensitive;
        var categories = new[] { categoryId }.Concat(splitsRequest?.Select(s => s.CategoryId) ?? []).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (!sensitive && categories.Count > 0 && !errors.Any
            && await references.SensitiveCategoriesAsync(caller, categories, ct) is [var demanding, ..])
        {
            if (patch.Sensitive == false)
            {
                errors.Add("sensitive", $"Category '{demanding}' is sensitive, so its transactions are too; move the transaction to another category, or unmark the category, first.");
            }
            sensitive = true;
        }

        var account = accountChanges ? await references.AccountAsync(caller, "accountId", patch.AccountId!, errors, ct) : null;
        if (isTransfer && amountChanges && pair is not null)
        {
            var mine = await references.AccountAsync(caller, "accountId", current.AccountId, errors, ct);
            var pairAccount = await references.AccountAsync(caller, "transferAccountId", pair.AccountId, errors, ct);
            if (mine is not null && pairAccount is not null)
            {
                TransactionValidation.CheckTransferAmounts(mine, pairAccount, amount, patch.TransferAmount, errors);
            }
        }
        else if (patch.TransferAmount is not null)
        {
            errors.Add("transferAmount", "transferAmount goes with a new amount of a transfer.");
        }
        if (errors.Any)
        {
            return WriteOutcome<TransactionEdit>.Invalid(errors);
        }
        if (account is { Closed: true })
        {
            return WriteOutcome<TransactionEdit>.Blocked($"Account '{account.Id}' is closed; reopen it to move transactions into it.");
        }

        var updated = current with
        {
            AccountId = account?.Id ?? current.AccountId,
            Currency = account?.Currency ?? current.Currency,
            Date = patch.Date ?? current.Date,
            Amount = amount,
            Payee = patch.Payee is null ? current.Payee : TransactionInput.Text(patch.Payee),
            Memo = patch.Memo is null ? current.Memo : TransactionInput.Text(patch.Memo),
            Cleared = patch.Cleared ?? current.Cleared,
            CategoryId = categoryId,
            Splits = TransactionInput.Splits(splitsRequest),
            Sensitive = sensitive,
        };
        var unchanged = Same(updated, current);
        if (!unchanged)
        {
            updated = updated with { UpdatedAt = time.GetUtcNow(), Version = current.Version + 1 };
        }
        Transaction? updatedPair = null;
        // The other side follows date, amount and sealing (it carries the same payee and memo from its creation).
        if (pair is not null && (updated.Date != current.Date || amountChanges || updated.Sensitive != pair.Sensitive))
        {
            updatedPair = pair with
            {
                Date = updated.Date,
                Amount = amountChanges ? patch.TransferAmount ?? -amount : pair.Amount,
                Sensitive = updated.Sensitive,
                UpdatedAt = time.GetUtcNow(),
                Version = pair.Version + 1,
            };
        }
        return WriteOutcome<TransactionEdit>.Done(new TransactionEdit(updated, updatedPair, ChangesNothing: unchanged && updatedPair is null));
    }

    // Records compare lists by reference; two transactions are the same when their split lines are equal too.
    private static bool Same(Transaction a, Transaction b) =>
        a with { Splits = null } == b with { Splits = null } && (a.Splits ?? []).SequenceEqual(b.Splits ?? []);
}
