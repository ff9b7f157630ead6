using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Plans a new transaction (and its transfer pair) from a request: checks what it refers to, builds it and the writes
/// that create it with its effect on balances and budget buckets, without committing them (the idempotent creator
/// does). A sensitive transaction is sealed (payee and memos encrypted, see <see cref="SensitiveFields"/>) before its
/// writes are built, so nothing written holds them in clear: not the item, not its index copies, not the stored answer
/// of an idempotent create.
/// </summary>
internal sealed class TransactionCreatePlanner(TransactionReferences references, SensitiveFields sensitiveFields, TimeProvider time)
{
    /// <returns>
    /// Done with the resource to create, whose body is the sealed transaction (reveal it before answering); or why it
    /// cannot be created: invalid references, or a closed account (blocked).
    /// </returns>
    public async Task<WriteOutcome<NewResource<Transaction>>> PlanAsync(Caller caller, CreateTransactionRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (account, other, inSensitiveCategory) = await references.ReadForCreateAsync(caller, request, errors, ct);
        if (account is not null && other is not null)
        {
            TransactionValidation.CheckTransferAmounts(account, other, request.Amount!.Value, request.TransferAmount, errors);
        }
        if (errors.Any)
        {
            return WriteOutcome<NewResource<Transaction>>.Invalid(errors);
        }
        if (account!.Closed || other?.Closed == true)
        {
            return WriteOutcome<NewResource<Transaction>>.Blocked(
                $"Account '{(account.Closed ? account.Id : other!.Id)}' is closed; reopen it to post transactions.");
        }

        var now = time.GetUtcNow();
        var id = ResourceId.New(now);
        var pairId = other is null ? null : ResourceId.New(now);
        // Its own flag or its categories' at the time of writing; both sides of a transfer carry the same payee and memo.
        var sensitive = request.Sensitive == true || inSensitiveCategory;
        var transaction = new Transaction(
            id, account.Id, request.Date!.Value, request.Amount!.Value, account.Currency, TransactionInput.Text(request.Payee), request.CategoryId,
            TransactionInput.Text(request.Memo), request.Cleared ?? ClearedState.Uncleared, request.ImportId, TransactionInput.Splits(request.Splits),
            other?.Id, pairId, sensitive, now, now, Version: 1);
        var created = new List<Transaction> { transaction };
        if (other is not null)
        {
            created.Add(new Transaction(
                pairId!, other.Id, transaction.Date, request.TransferAmount ?? -transaction.Amount, other.Currency, transaction.Payee, null,
                transaction.Memo, ClearedState.Uncleared, null, null, account.Id, id, sensitive, now, now, Version: 1));
        }
        var sealedOnes = new List<Transaction>(created.Count);
        foreach (var t in created)
        {
            sealedOnes.Add(await sensitiveFields.SealAsync(caller, t, ct));
        }
        return WriteOutcome<NewResource<Transaction>>.Done(TransactionWrites.Insert(caller, sealedOnes));
    }

    /// <summary>Explains a create refused by a write's condition: a taken import id, or an account closed meanwhile.</summary>
    public static string ExplainConflict(CreateTransactionRequest request, LedgerWriteConflict conflict) =>
        conflict.FailedWrite == ImportMarker.ClaimWrite
            ? $"importId '{request.ImportId}' was already imported into this account as transaction '{ImportMarker.HolderOf(conflict.Item)}'."
            : "The account was closed or deleted while the transaction was being posted.";
}
