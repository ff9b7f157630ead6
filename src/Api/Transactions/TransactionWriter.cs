using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Phi;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Every money movement as one transaction with the change log: the transaction item(s), the account balance ADDs,
/// the budget bucket ADDs and the change entry, all or nothing. Edits and deletes remove the old effect and add the
/// new one; a transfer's two sides always move together. A sensitive transaction is sealed (payee and memos
/// encrypted, see <see cref="SensitiveFields"/>) before its items are built, so nothing written holds them in clear:
/// not the item, not its index copies, not the stored answer of an idempotent create. Edits are planned on the
/// revealed state and sealed again.
/// </summary>
internal sealed class TransactionWriter(
    UserItems items, LedgerCommitter committer, UserWriteGate gate, TransactionReferences references, SensitiveFields phi, TimeProvider time)
{
    public const string Entity = "transaction";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Builds the writes of a new transaction (and its transfer pair), or says why it cannot be created. The resource's
    /// body is the sealed transaction: reveal it before answering.
    /// </summary>
    public async Task<(NewResource<Transaction>? Resource, ValidationErrors Errors, string? Conflict)> PrepareCreateAsync(
        Caller caller, CreateTransactionRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (account, other, inSensitiveCategory) = await references.ReadForCreateAsync(caller, request, errors, ct);
        if (account is not null && other is not null)
        {
            CheckTransferAmounts(account, other, request.Amount!.Value, request.TransferAmount, errors);
        }
        if (errors.Any)
        {
            return (null, errors, null);
        }
        if (account!.Closed || other?.Closed == true)
        {
            return (null, errors, $"Account '{(account.Closed ? account.Id : other!.Id)}' is closed; reopen it to post transactions.");
        }

        var now = time.GetUtcNow();
        var id = ResourceId.New(now);
        var pairId = other is null ? null : ResourceId.New(now);
        // Its own flag or its categories' at the time of writing; both sides of a transfer carry the same payee and memo.
        var sensitive = request.Sensitive == true || inSensitiveCategory;
        var transaction = new Transaction(
            id, account.Id, request.Date!.Value, request.Amount!.Value, account.Currency, Clean(request.Payee), request.CategoryId,
            Clean(request.Memo), request.Cleared ?? ClearedState.Uncleared, request.ImportId, Lines(request.Splits),
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
            sealedOnes.Add(await phi.SealAsync(caller, t, ct));
        }
        return (Insert(caller, sealedOnes), errors, null);
    }

    /// <summary>
    /// The writes that create <paramref name="transactions"/> (each with its import claim) and apply their effect.
    /// Sensitive ones must come sealed.
    /// </summary>
    public static NewResource<Transaction> Insert(Caller caller, IReadOnlyList<Transaction> transactions)
    {
        var table = caller.Tenant.LedgerTable;
        var delta = new LedgerDelta();
        var writes = new List<LedgerWrite>();
        var changes = new List<ChangedEntity>();
        foreach (var t in transactions)
        {
            delta.Apply(t, +1);
            writes.Add(LedgerWrites.Insert(caller, Entity, TransactionItem.ToItem(caller.UserId, t)));
            changes.Add(Change(t.Id));
            if (t.ImportId is not null)
            {
                writes.Add(ImportMarker.Claim(table, caller.UserId, t));
            }
        }
        var open = transactions.Select(t => t.AccountId).ToHashSet(StringComparer.Ordinal);
        writes.AddRange(delta.Writes(caller, open));
        writes.AddRange(CategoryGuards.StillNotSensitive(caller, transactions));
        changes.AddRange(delta.Changes());
        return new NewResource<Transaction>(writes, changes, $"/v1/transactions/{transactions[0].Id}", transactions[0]);
    }

    /// <summary>Explains a create refused by a write's condition: a taken import id, or an account closed meanwhile.</summary>
    public static string ExplainCreateConflict(NewResource<Transaction> resource, LedgerWriteConflict conflict) =>
        conflict.FailedWrite == ImportMarker.ClaimWrite
            ? $"importId '{resource.Body.ImportId}' was already imported into this account as transaction '{ImportMarker.HolderOf(conflict.Item)}'."
            : "The account was closed or deleted while the transaction was being posted.";

    /// <returns>When done, the transaction as stored (sealed if sensitive): reveal it before answering.</returns>
    public async Task<TransactionOutcome> UpdateAsync(Caller caller, ICommitAudit? audit, string id, UpdateTransactionRequest patch, long? requiredVersion, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(caller, ct);
        var deadline = time.GetUtcNow() + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var stored = await GetAsync(caller, id, ct);
            if (stored is null)
            {
                return new TransactionOutcome(WriteStatus.NotFound);
            }
            if (requiredVersion is { } required && required != stored.Version)
            {
                return new TransactionOutcome(WriteStatus.PreconditionFailed);
            }
            // Planned on the plain state (unchanged fields compare equal, new text is sealed with the rest); not a disclosure.
            var current = await phi.RevealAsync(caller, stored, audit: false, ct);
            var pair = current.TransferTransactionId is { } pairId && await GetAsync(caller, pairId, ct) is { } storedPair
                ? await phi.RevealAsync(caller, storedPair, audit: false, ct)
                : null;

            var planned = await PlanUpdateAsync(caller, current, pair, patch, ct);
            if (planned.Outcome is not null)
            {
                return planned.Outcome;
            }
            var (updated, updatedPair) = (planned.Updated!, planned.UpdatedPair);
            if (Same(updated, current) && ReferenceEquals(updatedPair, pair))
            {
                return new TransactionOutcome(WriteStatus.Done, stored);
            }

            var delta = new LedgerDelta();
            delta.Apply(current, -1);
            delta.Apply(updated, +1);
            var sealedUpdate = await phi.SealAsync(caller, updated, ct);
            var writes = new List<LedgerWrite> { Replace(caller, sealedUpdate, current.Version) };
            var changes = new List<ChangedEntity> { Change(updated.Id) };
            if (pair is not null && updatedPair is not null && !ReferenceEquals(updatedPair, pair))
            {
                delta.Apply(pair, -1);
                delta.Apply(updatedPair, +1);
                writes.Add(Replace(caller, await phi.SealAsync(caller, updatedPair, ct), pair.Version));
                changes.Add(Change(updatedPair.Id));
            }
            var moved = updated.AccountId != current.AccountId ? new HashSet<string>(StringComparer.Ordinal) { updated.AccountId } : [];
            writes.AddRange(delta.Writes(caller, moved));
            writes.AddRange(CategoryGuards.StillNotSensitive(caller, updatedPair is null || ReferenceEquals(updatedPair, pair) ? [updated] : [updated, updatedPair]));
            changes.AddRange(delta.Changes());
            try
            {
                await committer.CommitAsync(caller, audit, writes, changes, ct, turn);
                return new TransactionOutcome(WriteStatus.Done, sealedUpdate);
            }
            catch (LedgerWriteConflict conflict) when (CategoryGuards.Failed(conflict) && time.GetUtcNow() < deadline)
            {
                // A category was marked sensitive (or deleted) since the plan: plan again, which seals (or refuses).
            }
            // A guard still failing once patience ran out is answered as before: the edit's references are not as it read them.
            catch (LedgerWriteConflict conflict) when (conflict.FailedWrite is LedgerDelta.BalanceWrite or CategoryGuards.GuardWrite)
            {
                return TransactionOutcome.Conflict("The account was closed or deleted while the transaction was being changed.");
            }
            catch (LedgerWriteConflict) when (requiredVersion is null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
            catch (LedgerWriteConflict)
            {
                return new TransactionOutcome(requiredVersion is null ? WriteStatus.Contended : WriteStatus.PreconditionFailed);
            }
        }
    }

    public async Task<TransactionOutcome> DeleteAsync(Caller caller, ICommitAudit? audit, string id, long? requiredVersion, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(caller, ct);
        var deadline = time.GetUtcNow() + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(caller, id, ct);
            if (current is null)
            {
                return new TransactionOutcome(WriteStatus.NotFound);
            }
            if (requiredVersion is { } required && required != current.Version)
            {
                return new TransactionOutcome(WriteStatus.PreconditionFailed);
            }
            var doomed = new List<Transaction> { current };
            if (current.TransferTransactionId is { } pairId && await GetAsync(caller, pairId, ct) is { } pair)
            {
                doomed.Add(pair);
            }

            var delta = new LedgerDelta();
            var writes = new List<LedgerWrite>();
            var changes = new List<ChangedEntity>();
            foreach (var t in doomed)
            {
                delta.Apply(t, -1);
                writes.Add(Remove(caller, t));
                changes.Add(Change(t.Id, ChangeOp.Delete));
                if (t.ImportId is not null)
                {
                    writes.Add(ImportMarker.Release(caller.Tenant.LedgerTable, caller.UserId, t));
                }
            }
            writes.AddRange(delta.Writes(caller, new HashSet<string>()));
            changes.AddRange(delta.Changes());
            try
            {
                await committer.CommitAsync(caller, audit, writes, changes, ct, turn);
                return new TransactionOutcome(WriteStatus.Done, current);
            }
            catch (LedgerWriteConflict) when (requiredVersion is null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
            catch (LedgerWriteConflict)
            {
                return new TransactionOutcome(requiredVersion is null ? WriteStatus.Contended : WriteStatus.PreconditionFailed);
            }
        }
    }

    public async Task<Transaction?> GetAsync(Caller caller, string id, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, TransactionItem.SortKey(id), ct);
        return item is null ? null : TransactionItem.FromItem(item);
    }

    public static ChangedEntity Change(string id, ChangeOp op = ChangeOp.Upsert) => new(Entity, id, op, TransactionItem.SortKey(id));

    /// <summary>The categories a transaction is in: its own and its split lines'.</summary>
    public static IReadOnlyList<string> CategoryIdsOf(Transaction t) =>
        [.. new[] { t.CategoryId }.Concat(t.Splits?.Select(s => s.CategoryId) ?? []).OfType<string>().Distinct(StringComparer.Ordinal)];

    private async Task<(Transaction? Updated, Transaction? UpdatedPair, TransactionOutcome? Outcome)> PlanUpdateAsync(
        Caller caller, Transaction current, Transaction? pair, UpdateTransactionRequest patch, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var amountChanges = patch.Amount is { } a && a != current.Amount;
        var accountChanges = patch.AccountId is { } acc && acc != current.AccountId;
        if (current.Cleared == ClearedState.Reconciled && (amountChanges || accountChanges))
        {
            return (null, null, TransactionOutcome.Conflict(
                "The transaction is reconciled: its amount and account are locked. Set cleared to 'cleared' first, then change it."));
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
        Account? pairAccount = null;
        if (isTransfer && amountChanges && pair is not null)
        {
            var mine = await references.AccountAsync(caller, "accountId", current.AccountId, errors, ct);
            pairAccount = await references.AccountAsync(caller, "transferAccountId", pair.AccountId, errors, ct);
            if (mine is not null && pairAccount is not null)
            {
                CheckTransferAmounts(mine, pairAccount, amount, patch.TransferAmount, errors);
            }
        }
        else if (patch.TransferAmount is not null)
        {
            errors.Add("transferAmount", "transferAmount goes with a new amount of a transfer.");
        }
        if (errors.Any)
        {
            return (null, null, TransactionOutcome.Invalid(errors));
        }
        if (account is { Closed: true })
        {
            return (null, null, TransactionOutcome.Conflict($"Account '{account.Id}' is closed; reopen it to move transactions into it."));
        }

        var updated = current with
        {
            AccountId = account?.Id ?? current.AccountId,
            Currency = account?.Currency ?? current.Currency,
            Date = patch.Date ?? current.Date,
            Amount = amount,
            Payee = patch.Payee is null ? current.Payee : Clean(patch.Payee),
            Memo = patch.Memo is null ? current.Memo : Clean(patch.Memo),
            Cleared = patch.Cleared ?? current.Cleared,
            CategoryId = categoryId,
            Splits = Lines(splitsRequest),
            Sensitive = sensitive,
        };
        if (!Same(updated, current))
        {
            updated = updated with { UpdatedAt = time.GetUtcNow(), Version = current.Version + 1 };
        }
        var updatedPair = pair;
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
        return (updated, updatedPair, null);
    }

    private static void CheckTransferAmounts(Account from, Account to, long amount, long? transferAmount, ValidationErrors errors)
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

    private static LedgerWrite Replace(Caller caller, Transaction t, long expectedVersion) => new(Entity, new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = TransactionItem.ToItem(caller.UserId, t),
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
            ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(expectedVersion) },
        },
    });

    private static LedgerWrite Remove(Caller caller, Transaction t) => new(Entity, new()
    {
        Delete = new Delete
        {
            TableName = caller.Tenant.LedgerTable,
            Key = LedgerKeys.Key(caller.UserId, TransactionItem.SortKey(t.Id)),
            ConditionExpression = "#v = :v",
            ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
            ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(t.Version) },
        },
    });

    // Records compare lists by reference; two transactions are the same when their split lines are equal too.
    private static bool Same(Transaction a, Transaction b) =>
        a with { Splits = null } == b with { Splits = null } && (a.Splits ?? []).SequenceEqual(b.Splits ?? []);

    private static List<SplitLine>? Lines(IReadOnlyList<SplitLineRequest>? splits) =>
        splits is { Count: > 0 } ? splits.Select(s => new SplitLine(s.CategoryId, s.Amount!.Value, Clean(s.Memo))).ToList() : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
