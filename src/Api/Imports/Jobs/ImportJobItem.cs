using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>
/// <c>IMPORTJOB#&lt;id&gt;</c> in the user's partition: the job as <see cref="ImportJob"/> shows it, plus what its worker
/// needs: <see cref="Next"/> (every staged line before it is settled), the number of staged parts, the sealed list of
/// unreadable lines, and the lease (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>) that lets one worker at a
/// time run it. The item and its parts expire <see cref="Retention"/> after the job was created.
/// </summary>
internal sealed record ImportJobItem(
    string Id,
    string AccountId,
    ImportJobStatus Status,
    int Lines,
    int Imported,
    int Duplicates,
    int Next,
    int? NotImported,
    int Parts,
    string? SealedErrors,
    int ErrorCount,
    string LeaseOwner,
    DateTimeOffset LeaseUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string SortKeyPrefix = "IMPORTJOB#";

    /// <summary>Unreadable lines a job keeps to show; a statement with more is still imported, the rest only counted.</summary>
    public const int MaxErrors = 1000;

    /// <summary>How long a job can be read after it was created; its staged statement goes as soon as it finishes.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public static string SortKey(string id) => SortKeyPrefix + id;

    /// <summary>The staged statement's parts live beside the job, under a prefix of their own so listings of jobs never meet them.</summary>
    public static string PartSortKey(string id, int part) => $"IMPORTJOBPART#{id}#{part:D5}";

    public static string ErrorsContext(string userId, string id) => $"import-job/errors/{userId}/{id}";

    public static string PartContext(string userId, string id, int part) => $"import-job/part/{userId}/{id}/{part}";

    public ImportJob ToJob(IReadOnlyList<ImportError> errors) =>
        new(Id, AccountId, Status, Lines, Imported, Duplicates, NotImported, errors, ErrorCount, CreatedAt, UpdatedAt);

    public Dictionary<string, AttributeValue> ToItem(string userId)
    {
        var item = new Dictionary<string, AttributeValue>(LedgerKeys.Key(userId, SortKey(Id)))
        {
            ["accountId"] = AttributeValues.S(AccountId),
            ["status"] = AttributeValues.S(StatusName(Status)),
            ["lines"] = AttributeValues.N(Lines),
            ["imported"] = AttributeValues.N(Imported),
            ["duplicates"] = AttributeValues.N(Duplicates),
            ["next"] = AttributeValues.N(Next),
            ["parts"] = AttributeValues.N(Parts),
            ["errorCount"] = AttributeValues.N(ErrorCount),
            ["leaseOwner"] = AttributeValues.S(LeaseOwner),
            ["leaseUntil"] = AttributeValues.N(LeaseUntil.ToUnixTimeMilliseconds()),
            ["createdAt"] = AttributeValues.Time(CreatedAt),
            ["updatedAt"] = AttributeValues.Time(UpdatedAt),
            [LedgerTable.ExpiresAt] = AttributeValues.N((CreatedAt + Retention).ToUnixTimeSeconds()),
        };
        if (SealedErrors is not null)
        {
            item["errors"] = AttributeValues.S(SealedErrors);
        }
        if (NotImported is { } notImported)
        {
            item["notImported"] = AttributeValues.N(notImported);
        }
        return item;
    }

    public static ImportJobItem FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS(LedgerTable.SortKey)[SortKeyPrefix.Length..],
        item.GetS("accountId"),
        ParseStatus(item.GetS("status")),
        (int)item.GetN("lines"),
        (int)item.GetN("imported"),
        (int)item.GetN("duplicates"),
        (int)item.GetN("next"),
        item.ContainsKey("notImported") ? (int)item.GetN("notImported") : null,
        (int)item.GetN("parts"),
        item.TryGetValue("errors", out var errors) ? errors.S : null,
        (int)item.GetN("errorCount"),
        item.GetS("leaseOwner"),
        DateTimeOffset.FromUnixTimeMilliseconds(item.GetN("leaseUntil")),
        item.GetTime("createdAt"),
        item.GetTime("updatedAt"));

    public static string StatusName(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Running => "running",
        ImportJobStatus.Completed => "completed",
        _ => "stopped",
    };

    private static ImportJobStatus ParseStatus(string name) => name switch
    {
        "running" => ImportJobStatus.Running,
        "completed" => ImportJobStatus.Completed,
        _ => ImportJobStatus.Stopped,
    };
}
