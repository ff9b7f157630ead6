using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>Starts import jobs and reads them back for their owner, resuming a job whose worker has gone.</summary>
internal sealed class ImportJobs(ImportJobStore store, ImportJobRunner runner, TimeProvider time)
{
    /// <summary>Stages the statement's lines, writes the job with this process holding its lease, and starts it here.</summary>
    public async Task<ImportJob> StartAsync(Caller caller, Account account, ParsedStatement statement, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = ResourceId.New(now);
        var (lines, repeated) = ImportLine.Of(statement);
        var parts = StagedStatement.Cut(lines);
        var job = new ImportJobItem(
            id, account.Id, ImportJobStatus.Running, statement.Rows.Count, Imported: 0, Duplicates: repeated, Next: 0, NotImported: null,
            parts.Count, await store.SealErrorsAsync(caller, id, statement.Errors, ct), statement.Errors.Count,
            runner.Owner, runner.LeaseUntil(), now, now);
        await store.CreateAsync(caller, job, parts, ct);
        runner.Start(caller, id);
        return job.ToJob(statement.Errors.Take(ImportJobItem.MaxErrors).ToList());
    }

    public async Task<ImportJob?> GetAsync(Caller caller, string id, CancellationToken ct)
    {
        if (await store.GetAsync(caller, id, ct) is not { } job)
        {
            return null;
        }
        await runner.ResumeIfIdleAsync(caller, job, ct);
        return job.ToJob(await store.ErrorsAsync(caller, job, ct));
    }
}
