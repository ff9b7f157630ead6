using Amazon.Runtime;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Imports;

/// <summary>
/// Turns parsed statement lines into transactions of one account, skipping every line already imported. New
/// transactions are committed in batches as large as one DynamoDB transaction allows (each batch: the transactions,
/// their import-id claims, one balance ADD, the bucket ADDs, the change entry and the audit record), so a file of
/// thousands of lines takes tens of writes, and a line is never imported twice even when the same file is sent twice
/// at once.
/// <para>
/// Each batch commits whole or not at all. When one cannot commit (the account was closed meanwhile, or the store
/// failed), the import stops there and says how many lines committed and how many did not: sending the file again
/// imports exactly the rest.
/// </para>
/// </summary>
internal sealed partial class StatementImporter(UserItems items, LedgerCommitter committer, TimeProvider time, ILogger<StatementImporter> logger)
{
    private const int MaxItemsPerTransaction = 100;

    /// <summary>The name of an import job's progress write in a batch.</summary>
    private const string ProgressWrite = "import progress";

    /// <summary>Lines whose claims one read looks up (one BatchGetItem), and the lines kept ready for the next batch.</summary>
    private const int LinesPerClaimRead = 100;

    public async Task<ImportOutcome> ImportAsync(Caller caller, ICommitAudit? audit, Account account, ParsedStatement statement, CancellationToken ct)
    {
        var (lines, repeated) = ImportLine.Of(statement);
        var run = await RunAsync(caller, audit, account, lines, 0, progress: null, ct);
        return new ImportOutcome(new ImportResult(run.Imported, repeated + run.Duplicates, statement.Errors), run.Stop, run.NotImported);
    }

    /// <summary>
    /// Imports <paramref name="lines"/> from index <paramref name="start"/> on. With <paramref name="progress"/>, each
    /// batch also carries its progress write (an import job's), and a batch whose progress write fails its condition
    /// stops the run as <see cref="ImportStop.Superseded"/>. Each batch carries <paramref name="audit"/>'s record, when given.
    /// </summary>
    public async Task<ImportRun> RunAsync(
        Caller caller, ICommitAudit? audit, Account account, IReadOnlyList<ImportLine> lines, int start, IImportProgress? progress, CancellationToken ct)
    {
        var imported = 0;
        var duplicates = 0;
        // Duplicates found but not yet recorded by a progress write, by line index: a batch records those before its end.
        var unrecorded = new List<int>();

        // Lines go to the store unread: a new line's claim is its check, and reading every claim first cost the store
        // a sixth of a fresh import's work. Once a claim turns out taken (a statement overlapping one imported before,
        // or the same file again), the lines after it are read first, in chunks, until a chunk is all new again:
        // a transaction that fails on its claims costs the store as much as one that commits, a read a fraction.
        var next = start;
        var readFirst = false;
        var pending = new Queue<Pending>();
        try
        {
            while (true)
            {
                if (pending.Count < LinesPerClaimRead && next < lines.Count)
                {
                    var chunk = Enumerable.Range(next, Math.Min(LinesPerClaimRead, lines.Count - next)).Select(i => new Pending(i, lines[i])).ToList();
                    next += chunk.Count;
                    if (readFirst)
                    {
                        var unclaimed = await WithoutClaimedAsync(caller, account.Id, chunk, unrecorded, ct);
                        duplicates += chunk.Count - unclaimed.Count;
                        readFirst = unclaimed.Count < chunk.Count;
                        chunk = unclaimed;
                    }
                    chunk.ForEach(pending.Enqueue);
                    continue;
                }
                if (pending.Count == 0)
                {
                    return new ImportRun(imported, duplicates, unrecorded.Count, ImportStop.None, 0);
                }

                var batch = TakeBatch(pending, progress is null ? 0 : 1);
                var end = batch[^1].Index;
                var resource = TransactionWrites.Insert(caller, batch.Select(l => ToTransaction(account, l.Line)).ToList());
                var writes = resource.Writes;
                if (progress is not null)
                {
                    writes = [.. writes, new LedgerWrite(ProgressWrite, progress.Record(end + 1, batch.Count, unrecorded.Count(i => i < end)))];
                }
                try
                {
                    await committer.CommitAsync(caller, audit, writes, resource.Changes, ct);
                    imported += batch.Count;
                    if (progress is not null)
                    {
                        unrecorded.RemoveAll(i => i < end);
                    }
                }
                catch (LedgerWriteConflict conflict) when (IsClaim(conflict))
                {
                    // Imported before, or by another request right now: drop every claimed line of this batch and of
                    // those waiting, retry the rest.
                    var waiting = batch.Concat(pending).ToList();
                    var unclaimed = await WithoutClaimedAsync(caller, account.Id, waiting, unrecorded, ct);
                    duplicates += waiting.Count - unclaimed.Count;
                    pending = new Queue<Pending>(unclaimed);
                    readFirst = true;
                }
                catch (LedgerWriteConflict conflict) when (conflict.FailedWrite == ProgressWrite)
                {
                    return new ImportRun(imported, duplicates, unrecorded.Count, ImportStop.Superseded, lines.Count - start - imported - duplicates);
                }
            }
        }
        catch (Exception e) when (StopsImport(e, ct) is var stop and not ImportStop.None)
        {
            // Lines not yet checked are not known to be new or duplicates: all of them count as not imported.
            var notImported = lines.Count - start - imported - duplicates;
            LogStopped(logger, stop, imported, notImported, e);
            return new ImportRun(imported, duplicates, unrecorded.Count, stop, notImported);
        }
    }

    private static ImportStop StopsImport(Exception e, CancellationToken ct) => e switch
    {
        // The only other condition of an import's writes: the balance update requires the account open and present.
        LedgerWriteConflict => ImportStop.AccountClosed,
        LedgerBusyException or AmazonServiceException => ImportStop.StoreUnavailable,
        _ when StorageFailure.IsTransient(e) => ImportStop.StoreUnavailable,
        OperationCanceledException when !ct.IsCancellationRequested => ImportStop.StoreUnavailable,
        _ => ImportStop.None,
    };

    private static bool IsClaim(LedgerWriteConflict conflict) => conflict.FailedWrite == ImportMarker.ClaimWrite;

    private Transaction ToTransaction(Account account, ImportLine line)
    {
        var now = time.GetUtcNow();
        var row = line.Row;
        var payee = row.Payee is { Length: > TransactionValidation.MaxPayeeLength } p ? p[..TransactionValidation.MaxPayeeLength] : row.Payee;
        // Not sensitive: a statement line has no category yet. It is sealed once the user marks it or puts it into a
        // sensitive category.
        return new Transaction(
            ResourceId.New(now), account.Id, row.Date, row.Amount, account.Currency, payee, null, row.Memo,
            ClearedState.Cleared, line.ImportId, null, null, null, Sensitive: false, now, now, Version: 1);
    }

    // Greedy: as many lines as fit one transaction, counting each line's item and claim, the balance update, the
    // distinct month buckets, and what the committer adds (the change entry and the audit record).
    private static List<Pending> TakeBatch(Queue<Pending> pending, int extraItems)
    {
        var batch = new List<Pending>();
        var buckets = new HashSet<(string, bool)>();
        while (pending.Count > 0)
        {
            var row = pending.Peek().Line.Row;
            var bucket = (row.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), row.Amount > 0);
            var items = 2 * (batch.Count + 1) + 1 + buckets.Count + (buckets.Contains(bucket) ? 0 : 1) + LedgerCommitter.ItemsAddedPerCommit + extraItems;
            if (items > MaxItemsPerTransaction)
            {
                break;
            }
            buckets.Add(bucket);
            batch.Add(pending.Dequeue());
        }
        return batch;
    }

    /// <summary>The lines whose claims are free; the others are duplicates, noted by index in <paramref name="duplicates"/>.</summary>
    private async Task<List<Pending>> WithoutClaimedAsync(Caller caller, string accountId, IReadOnlyList<Pending> lines, List<int> duplicates, CancellationToken ct)
    {
        var claimed = await items.BatchGetAsync(
            caller.Tenant.LedgerTable, caller.UserId, lines.Select(l => ImportMarker.SortKey(accountId, l.Line.ImportId)), ct);
        var free = new List<Pending>(lines.Count);
        foreach (var line in lines)
        {
            if (claimed.ContainsKey(ImportMarker.SortKey(accountId, line.Line.ImportId)))
            {
                duplicates.Add(line.Index);
            }
            else
            {
                free.Add(line);
            }
        }
        return free;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Statement import stopped ({Stop}) after {Imported} lines; {NotImported} lines not imported")]
    private static partial void LogStopped(ILogger logger, ImportStop stop, int imported, int notImported, Exception exception);

    /// <summary>A line waiting to be imported, with its index in the lines of the run.</summary>
    private readonly record struct Pending(int Index, ImportLine Line);
}
