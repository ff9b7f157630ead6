using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Edits and deletes transactions, each as one transaction with the change log: the transaction item(s), the account
/// balance ADDs, the budget bucket ADDs and the change entry, all or nothing. The old effect is removed and the new one
/// added; a transfer's two sides always move together. An edit is planned on the revealed state
/// (<see cref="TransactionEditPlanner"/>) and sealed again before it is written. Without If-Match a lost race is
/// planned again on the fresh state; with it, it is a failed precondition.
/// </summary>
internal sealed class TransactionEditor(
    TransactionQueries queries, TransactionEditPlanner planner, LedgerCommitter committer, UserWriteGate gate, SensitiveFields sensitiveFields, TimeProvider time)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <returns>When done, the transaction as stored (sealed if sensitive): reveal it before answering.</returns>
    public async Task<WriteOutcome<Transaction>> UpdateAsync(
        Caller caller, ICommitAudit? audit, string id, UpdateTransactionRequest patch, long? requiredVersion, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(caller, ct);
        var deadline = time.GetUtcNow() + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var stored = await queries.GetAsync(caller, id, ct);
            if (stored is null)
            {
                return WriteOutcome<Transaction>.Of(WriteStatus.NotFound);
            }
            if (requiredVersion is { } required && required != stored.Version)
            {
                return WriteOutcome<Transaction>.Of(WriteStatus.PreconditionFailed);
            }
            // Planned on the plain state (unchanged fields compare equal, new text is sealed with the rest); not a disclosure.
            var current = await sensitiveFields.RevealAsync(caller, stored, audit: false, ct);
            var pair = current.TransferTransactionId is { } pairId && await queries.GetAsync(caller, pairId, ct) is { } storedPair
                ? await sensitiveFields.RevealAsync(caller, storedPair, audit: false, ct)
                : null;

            var planned = await planner.PlanAsync(caller, current, pair, patch, ct);
            if (planned.Value is not { } edit)
            {
                return new WriteOutcome<Transaction>(planned.Status, Errors: planned.Errors, Detail: planned.Detail);
            }
            if (edit.ChangesNothing)
            {
                return WriteOutcome<Transaction>.Done(stored);
            }

            var delta = new LedgerDelta();
            delta.Apply(current, -1);
            delta.Apply(edit.Updated, +1);
            var sealedUpdate = await sensitiveFields.SealAsync(caller, edit.Updated, ct);
            var writes = new List<LedgerWrite> { TransactionWrites.Replace(caller, sealedUpdate, current.Version) };
            var changes = new List<ChangedEntity> { TransactionWrites.Change(edit.Updated.Id) };
            if (edit.UpdatedPair is { } updatedPair)
            {
                delta.Apply(pair!, -1);
                delta.Apply(updatedPair, +1);
                writes.Add(TransactionWrites.Replace(caller, await sensitiveFields.SealAsync(caller, updatedPair, ct), pair!.Version));
                changes.Add(TransactionWrites.Change(updatedPair.Id));
            }
            var moved = edit.Updated.AccountId != current.AccountId ? new HashSet<string>(StringComparer.Ordinal) { edit.Updated.AccountId } : [];
            writes.AddRange(delta.Writes(caller, moved));
            writes.AddRange(CategoryGuards.StillNotSensitive(caller, edit.UpdatedPair is null ? [edit.Updated] : [edit.Updated, edit.UpdatedPair]));
            changes.AddRange(delta.Changes());
            try
            {
                await committer.CommitAsync(caller, audit, writes, changes, ct, turn);
                return WriteOutcome<Transaction>.Done(sealedUpdate);
            }
            catch (LedgerWriteConflict conflict) when (CategoryGuards.Failed(conflict) && time.GetUtcNow() < deadline)
            {
                // A category was marked sensitive (or deleted) since the plan: plan again, which seals (or refuses).
            }
            catch (LedgerWriteConflict conflict) when (conflict.FailedWrite == CategoryGuards.GuardWrite)
            {
                // Still failing once patience ran out: its categories keep changing under the edit.
                return WriteOutcome<Transaction>.Blocked("A category of the transaction kept being marked sensitive or deleted while it was being changed; try again.");
            }
            catch (LedgerWriteConflict conflict) when (conflict.FailedWrite == LedgerDelta.BalanceWrite)
            {
                return WriteOutcome<Transaction>.Blocked("The account was closed or deleted while the transaction was being changed.");
            }
            catch (LedgerWriteConflict) when (requiredVersion is null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
            catch (LedgerWriteConflict)
            {
                return WriteOutcome<Transaction>.Of(requiredVersion is null ? WriteStatus.Contended : WriteStatus.PreconditionFailed);
            }
        }
    }

    /// <summary>Deletes the transaction and its transfer's other side, with their import claims and their effect.</summary>
    public async Task<WriteOutcome<Transaction>> DeleteAsync(Caller caller, ICommitAudit? audit, string id, long? requiredVersion, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(caller, ct);
        var deadline = time.GetUtcNow() + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var current = await queries.GetAsync(caller, id, ct);
            if (current is null)
            {
                return WriteOutcome<Transaction>.Of(WriteStatus.NotFound);
            }
            if (requiredVersion is { } required && required != current.Version)
            {
                return WriteOutcome<Transaction>.Of(WriteStatus.PreconditionFailed);
            }
            var doomed = new List<Transaction> { current };
            if (current.TransferTransactionId is { } pairId && await queries.GetAsync(caller, pairId, ct) is { } pair)
            {
                doomed.Add(pair);
            }

            var delta = new LedgerDelta();
            var writes = new List<LedgerWrite>();
            var changes = new List<ChangedEntity>();
            foreach (var t in doomed)
            {
                delta.Apply(t, -1);
                writes.Add(TransactionWrites.Remove(caller, t));
                changes.Add(TransactionWrites.Change(t.Id, ChangeOp.Delete));
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
                return WriteOutcome<Transaction>.Done(current);
            }
            catch (LedgerWriteConflict) when (requiredVersion is null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
            catch (LedgerWriteConflict)
            {
                return WriteOutcome<Transaction>.Of(requiredVersion is null ? WriteStatus.Contended : WriteStatus.PreconditionFailed);
            }
        }
    }
}
