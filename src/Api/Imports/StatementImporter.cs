using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Turns parsed statement lines into transactions of one account, skipping every line already imported. New
/// transactions are committed in batches as large as one DynamoDB transaction allows (each batch: the transactions,
/// their import-id claims, one balance ADD, the bucket ADDs and the change entry), so a file of thousands of lines
/// takes tens of writes, and a line is never imported twice even when the same file is sent twice at once.
/// </summary>
internal sealed class StatementImporter(UserItems items, LedgerCommitter committer, TimeProvider time)
{
    private const int MaxItemsPerTransaction = 100;

    public async Task<ImportResult> ImportAsync(Caller caller, Account account, ParsedStatement statement, CancellationToken ct)
    {
        var ids = ImportIds.For(statement.Rows);
        var fresh = new List<(ImportedRow Row, string ImportId)>();
        var seenInFile = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < statement.Rows.Count; i++)
        {
            if (seenInFile.Add(ids[i]))
            {
                fresh.Add((statement.Rows[i], ids[i]));
            }
        }
        var duplicates = statement.Rows.Count - fresh.Count;

        var imported = 0;
        var pending = new Queue<(ImportedRow Row, string ImportId)>(await WithoutClaimedAsync(caller, account.Id, fresh, ct));
        duplicates += fresh.Count - pending.Count;
        while (pending.Count > 0)
        {
            var batch = TakeBatch(pending);
            var transactions = batch.Select(b => ToTransaction(account, b.Row, b.ImportId)).ToList();
            var resource = TransactionWriter.Insert(caller, transactions);
            try
            {
                await committer.CommitAsync(caller, resource.Writes, resource.Changes, ct);
                imported += batch.Count;
            }
            catch (LedgerWriteConflict conflict) when (resource.Writes[conflict.Index].Put?.Item[BudgetBuddy.TenantContracts.LedgerTable.SortKey].S.StartsWith("IMPORT#", StringComparison.Ordinal) == true)
            {
                // The same lines are being imported by another request right now: drop what it claimed, retry the rest.
                var unclaimed = await WithoutClaimedAsync(caller, account.Id, batch, ct);
                duplicates += batch.Count - unclaimed.Count;
                pending = new Queue<(ImportedRow Row, string ImportId)>(unclaimed.Concat(pending));
            }
        }
        return new ImportResult(imported, duplicates, statement.Errors);
    }

    private Transaction ToTransaction(Account account, ImportedRow row, string importId)
    {
        var now = time.GetUtcNow();
        var payee = row.Payee is { Length: > TransactionValidation.MaxPayeeLength } p ? p[..TransactionValidation.MaxPayeeLength] : row.Payee;
        // Not sensitive: a statement line has no category yet. It is sealed once the user marks it or puts it into a
        // sensitive category.
        return new Transaction(
            ResourceId.New(now), account.Id, row.Date, row.Amount, account.Currency, payee, null, row.Memo,
            ClearedState.Cleared, importId, null, null, null, Sensitive: false, now, now, Version: 1);
    }

    // Greedy: as many lines as fit one transaction, counting each line's item and claim, the balance update, the
    // distinct month buckets, and what the committer adds (the change entry and the audit record).
    private static List<(ImportedRow Row, string ImportId)> TakeBatch(Queue<(ImportedRow Row, string ImportId)> pending)
    {
        var batch = new List<(ImportedRow, string)>();
        var buckets = new HashSet<(string, bool)>();
        while (pending.Count > 0)
        {
            var (row, _) = pending.Peek();
            var bucket = (row.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), row.Amount > 0);
            var items = 2 * (batch.Count + 1) + 1 + buckets.Count + (buckets.Contains(bucket) ? 0 : 1) + LedgerCommitter.ItemsAddedPerCommit;
            if (items > MaxItemsPerTransaction)
            {
                break;
            }
            buckets.Add(bucket);
            batch.Add(pending.Dequeue());
        }
        return batch;
    }

    private async Task<List<(ImportedRow Row, string ImportId)>> WithoutClaimedAsync(
        Caller caller, string accountId, IReadOnlyList<(ImportedRow Row, string ImportId)> lines, CancellationToken ct)
    {
        var claimed = await items.BatchGetAsync(
            caller.Tenant.LedgerTable, caller.UserId, lines.Select(l => ImportMarker.SortKey(accountId, l.ImportId)), ct);
        return lines.Where(l => !claimed.ContainsKey(ImportMarker.SortKey(accountId, l.ImportId))).ToList();
    }
}
