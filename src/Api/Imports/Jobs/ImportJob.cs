namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>
/// A statement import that runs after its request answered (202): a statement too large to import within one request,
/// or one whose client asked for it with <c>Prefer: respond-async</c>. <see cref="Lines"/> counts the statement's
/// readable lines; <see cref="Imported"/> and <see cref="Duplicates"/> grow as batches commit, and add up to
/// <see cref="Lines"/> once completed. <see cref="NotImported"/> is set when the job stopped. <see cref="Errors"/> holds
/// the first <see cref="ImportJobItem.MaxErrors"/> unreadable lines, <see cref="ErrorCount"/> counts them all.
/// </summary>
public sealed record ImportJob(
    string Id,
    string AccountId,
    ImportJobStatus Status,
    int Lines,
    int Imported,
    int Duplicates,
    int? NotImported,
    IReadOnlyList<ImportError> Errors,
    int ErrorCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
