using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>POST /v1/transactions</c>, a spending or a transfer, read and written as the API does: the account, the
/// transfer's other account and the category in one batch get; then one transaction of the new item(s) (a transfer's two sides), the balance ADDs (accounts still open), the budget bucket ADD (a
/// transfer's nets to nothing and is left out), the category's condition check, the stored answer, the change entry
/// and the audit record.
/// </summary>
internal sealed class PostTransactionPlan(StorageSession session, IdempotentCreates idempotency)
{
    private const string Action = "POST /v1/transactions";

    public async Task<StorageAnswer> RunAsync(LedgerUser user, TransactionPost call, CancellationToken ct)
    {
        var key = IdempotentCreates.NewKey();
        var keys = new List<string> { LedgerItems.AccountPrefix + call.AccountId };
        if (call.TransferAccountId is { } otherId)
        {
            keys.Add(LedgerItems.AccountPrefix + otherId);
        }
        if (call.CategoryId is { Length: > 0 } categoryId)
        {
            keys.Add(LedgerItems.CategoryPrefix + categoryId);
        }
        var found = await session.Reads.BatchGetAsync(user, keys, ct);
        var account = found.GetValueOrDefault(LedgerItems.AccountPrefix + call.AccountId);
        var other = call.TransferAccountId is { } transferId ? found.GetValueOrDefault(LedgerItems.AccountPrefix + transferId) : null;
        var category = call.CategoryId is { Length: > 0 } named ? found.GetValueOrDefault(LedgerItems.CategoryPrefix + named) : null;
        if (account is null || (call.TransferAccountId is not null && other is null) || (call.CategoryId is { Length: > 0 } && category is null))
        {
            return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(422, "An account or category the transaction names does not exist."), ct);
        }
        if (account["closed"].BOOL == true || other?["closed"].BOOL == true)
        {
            return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(409, "An account the transaction names is closed."), ct);
        }

        var now = session.Time.GetUtcNow();
        var at = LedgerItems.Time(now).S;
        var id = LedgerItems.NewId(now);
        var pairId = other is null ? null : LedgerItems.NewId(now);
        var date = call.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var transaction = new TransactionFacts(
            id, call.AccountId, date, call.Amount, account["currency"].S, Clean(call.Payee), call.CategoryId, Clean(call.Memo), "uncleared",
            null, call.TransferAccountId, pairId, Sensitive: false, at, at, Version: 1);
        var created = new List<TransactionFacts> { transaction };
        if (other is not null)
        {
            created.Add(new TransactionFacts(
                pairId!, call.TransferAccountId!, date, -call.Amount, other["currency"].S, transaction.Payee, null, transaction.Memo, "uncleared",
                null, call.AccountId, id, Sensitive: false, at, at, Version: 1));
        }

        var effect = new MoneyEffect();
        var writes = new List<TransactWriteItem>();
        var changes = new List<ChangedEntity>();
        foreach (var t in created)
        {
            effect.Apply(t, +1);
            writes.Add(new TransactWriteItem { Put = Inserts.Put(user, t.ToItem(user)) });
            changes.Add(t.Change);
        }
        writes.AddRange(effect.Writes(user, created.Select(t => t.AccountId).ToHashSet(StringComparer.Ordinal)));
        writes.AddRange(MoneyEffect.CategoriesStillNotSensitive(user, created));
        changes.AddRange(effect.Changes());
        writes.Add(idempotency.RecordWrite(user, key, $"/v1/transactions/{id}", CreatedAnswers.Transaction(transaction)));
        try
        {
            await session.Committer.CommitAsync(user, Action, writes, changes, ct);
        }
        catch (LedgerConflict conflict)
        {
            return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(409, $"The transaction could not commit: {conflict.Message}"), ct);
        }
        return StorageAnswer.Created(CreatedAnswers.Remembered(("id", id)));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
