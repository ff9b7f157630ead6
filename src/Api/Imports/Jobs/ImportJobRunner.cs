using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>
/// Runs import jobs in this process, each under a lease in the job's item (renewed every third of it), from the line
/// after the job's last committed batch. A store failure never ends a job: it backs off and carries on. Shutting down
/// gives the leases back, and a job whose worker is gone (its lease lapsed) resumes in whichever process next reads it
/// (<see cref="ResumeIfIdleAsync"/>), since a client polls its job until it is done.
/// </summary>
internal sealed partial class ImportJobRunner(
    ImportJobStore store,
    StatementImporter importer,
    AccountStore accounts,
    AuditChainer chainer,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<ImportJobRunner> logger) : IHostedService, IDisposable
{
    private readonly TimeSpan lease = options.Value.JobLease;

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource stopping = new();
    private bool disposed;
    private readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);

    /// <summary>This process's name in the leases it holds.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset LeaseUntil() => time.GetUtcNow() + lease;

    /// <summary>Runs a job this process holds the lease of, unless it already runs it.</summary>
    public void Start(Caller caller, string jobId)
    {
        var key = $"{caller.TenantId}/{caller.UserId}/{jobId}";
        lock (running)
        {
            if (disposed || stopping.IsCancellationRequested || running.ContainsKey(key))
            {
                return;
            }
            // Not the starting request's context: the job outlives it, and must not carry its HttpContext or its trace.
            // Its batches commit without an audit record of their own (the request that started the job has one).
            using (ExecutionContext.SuppressFlow())
            {
                running[key] = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(caller, jobId, stopping.Token);
                    }
                    finally
                    {
                        lock (running)
                        {
                            running.Remove(key);
                        }
                    }
                });
            }
        }
    }

    /// <summary>Takes over and runs a job whose lease has lapsed (its worker stopped); does nothing for any other job.</summary>
    public async Task ResumeIfIdleAsync(Caller caller, ImportJobItem job, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (job.Status == ImportJobStatus.Running && job.LeaseUntil < now && await store.TakeOverAsync(caller, job, Owner, now, LeaseUntil(), ct))
        {
            LogResumed(logger, job.Id);
            Start(caller, job.Id);
        }
    }

    private async Task RunAsync(Caller caller, string jobId, CancellationToken ct)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewAsync(caller, jobId, held);
        List<ImportLine>? lines = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var job = await store.GetAsync(caller, jobId, held.Token);
                    if (job is null || job.Status != ImportJobStatus.Running || job.LeaseOwner != Owner)
                    {
                        return;
                    }
                    lines ??= await store.LinesAsync(caller, job, held.Token);
                    if (await RunOnceAsync(caller, job, lines, held.Token))
                    {
                        return;
                    }
                }
                catch (Exception e) when (!held.IsCancellationRequested)
                {
                    LogRetrying(logger, jobId, e);
                }
                var wait = TimeSpan.FromMilliseconds(Math.Min(LongestBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt, 10))));
                await Task.Delay(wait * (0.5 + Random.Shared.NextDouble() / 2), time, held.Token);
            }
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            // Shutting down, or the lease went to another worker.
        }
        finally
        {
            await held.CancelAsync();
            await renewing;
            if (stopping.IsCancellationRequested)
            {
                await ReleaseAsync(caller, jobId);
            }
        }
    }

    /// <returns>Whether the job is over for this worker (finished, stopped or taken over); false to retry after a store failure.</returns>
    private async Task<bool> RunOnceAsync(Caller caller, ImportJobItem job, List<ImportLine> lines, CancellationToken ct)
    {
        var account = await accounts.Collection.GetAsync(caller, job.AccountId, ct);
        if (account is null || account.Closed)
        {
            await store.FinishAsync(caller, job, Owner, ImportJobStatus.Stopped, 0, job.Lines - job.Imported - job.Duplicates, time.GetUtcNow(), ct);
            return true;
        }
        var run = await importer.RunAsync(caller, new ImportJobAudit(job.Id, chainer), account, lines, job.Next, new Progress(caller, job.Id, Owner, time), ct);
        switch (run.Stop)
        {
            case ImportStop.None:
                await store.FinishAsync(caller, job, Owner, ImportJobStatus.Completed, run.UnrecordedDuplicates, null, time.GetUtcNow(), ct);
                LogFinished(logger, job.Id, job.Imported + run.Imported);
                return true;
            case ImportStop.AccountClosed:
                var notImported = job.Lines - job.Imported - job.Duplicates - run.Imported - run.Duplicates;
                await store.FinishAsync(caller, job, Owner, ImportJobStatus.Stopped, run.UnrecordedDuplicates, notImported, time.GetUtcNow(), ct);
                return true;
            case ImportStop.Superseded:
                return true;
            default:
                return false;
        }
    }

    private async Task RenewAsync(Caller caller, string jobId, CancellationTokenSource held)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, held.Token);
                try
                {
                    if (!await store.RenewAsync(caller, jobId, Owner, LeaseUntil(), held.Token))
                    {
                        // Finished, or another worker took it over after this one missed its renewals: stop at once.
                        await held.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (!held.IsCancellationRequested)
                {
                    // The store is failing; so are this worker's batches, whose writes need the lease anyway.
                    LogRenewFailed(logger, jobId, e);
                }
            }
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
        }
    }

    private async Task ReleaseAsync(Caller caller, string jobId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.ReleaseAsync(caller, jobId, Owner, timeout.Token);
        }
        catch (Exception e)
        {
            // The lease then lapses on its own.
            LogRenewFailed(logger, jobId, e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] runs;
        lock (running)
        {
            if (disposed)
            {
                return;
            }
            stopping.Cancel();
            runs = [.. running.Values];
        }
        await Task.WhenAll(runs).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // A host disposed without being stopped (a test's, say) must not make a later StopAsync throw.
    public void Dispose()
    {
        lock (running)
        {
            if (!disposed)
            {
                disposed = true;
                stopping.Cancel();
                stopping.Dispose();
            }
        }
    }

    private sealed class Progress(Caller caller, string jobId, string owner, TimeProvider time) : IImportProgress
    {
        public Amazon.DynamoDBv2.Model.TransactWriteItem Record(int next, int imported, int duplicates) =>
            ImportJobStore.Progress(caller, jobId, owner, next, imported, duplicates, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import job {JobId} resumed here after its worker's lease lapsed")]
    private static partial void LogResumed(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import job {JobId} finished with {Imported} lines imported")]
    private static partial void LogFinished(ILogger logger, string jobId, int imported);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import job {JobId} could not go on; retrying")]
    private static partial void LogRetrying(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import job {JobId}: renewing or releasing its lease failed")]
    private static partial void LogRenewFailed(ILogger logger, string jobId, Exception exception);
}
