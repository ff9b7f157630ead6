using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>
/// Import jobs in the user's partition of the ledger: the job item, its staged statement (sealed parts), the lease
/// that lets one worker at a time run it, and the progress write each batch carries. Every change a worker makes is
/// conditional on still holding the lease, so a worker that was paused past its lease and wakes up changes nothing.
/// </summary>
internal sealed class ImportJobStore(IAmazonDynamoDB dynamo, UserItems items, TenantCrypto crypto, LedgerCommitter committer)
{
    private const string LeaseHeld = "#owner = :owner AND #status = :running";

    public async Task CreateAsync(Caller caller, ImportJobItem job, IReadOnlyList<byte[]> parts, CancellationToken ct)
    {
        // Parts first: a job item always finds its parts. Parts of a job whose item never got written expire with it.
        var expiresAt = AttributeValues.N((job.CreatedAt + ImportJobItem.Retention).ToUnixTimeSeconds());
        var puts = new List<WriteRequest>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var (keyId, sealedBytes) = await crypto.SealAsync(caller.Tenant, parts[i], ImportJobItem.PartContext(caller.UserId, job.Id, i), ct);
            puts.Add(new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>(LedgerKeys.Key(caller.UserId, ImportJobItem.PartSortKey(job.Id, i)))
            {
                ["keyId"] = AttributeValues.S(keyId),
                ["data"] = new AttributeValue { B = new MemoryStream(sealedBytes) },
                [LedgerTable.ExpiresAt] = expiresAt,
            })));
        }
        await BatchWriteAsync(caller.Tenant.LedgerTable, puts, ct);
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = caller.Tenant.LedgerTable,
            Item = job.ToItem(caller.UserId),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        }, ct);
    }

    public async Task<ImportJobItem?> GetAsync(Caller caller, string id, CancellationToken ct) =>
        await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, ImportJobItem.SortKey(id), ct) is { } item
            ? ImportJobItem.FromItem(item)
            : null;

    public async Task<string?> SealErrorsAsync(Caller caller, string id, IReadOnlyList<ImportError> errors, CancellationToken ct) =>
        errors.Count == 0
            ? null
            : await crypto.EncryptAsync(
                caller.Tenant,
                JsonSerializer.Serialize(errors.Take(ImportJobItem.MaxErrors).ToList(), StagedLinesJsonContext.Default.ListImportError),
                ImportJobItem.ErrorsContext(caller.UserId, id),
                ct);

    public async Task<IReadOnlyList<ImportError>> ErrorsAsync(Caller caller, ImportJobItem job, CancellationToken ct) =>
        job.SealedErrors is null
            ? []
            : JsonSerializer.Deserialize(
                await crypto.DecryptAsync(caller.Tenant, job.SealedErrors, ImportJobItem.ErrorsContext(caller.UserId, job.Id), ct),
                StagedLinesJsonContext.Default.ListImportError) ?? [];

    public async Task<List<ImportLine>> LinesAsync(Caller caller, ImportJobItem job, CancellationToken ct)
    {
        var keys = Enumerable.Range(0, job.Parts).Select(i => ImportJobItem.PartSortKey(job.Id, i)).ToList();
        var found = await items.BatchGetAsync(caller.Tenant.LedgerTable, caller.UserId, keys, ct);
        var parts = new List<byte[]>(job.Parts);
        for (var i = 0; i < keys.Count; i++)
        {
            var item = found.GetValueOrDefault(keys[i]) ?? throw new InvalidDataException($"Part {i} of import job {job.Id} is missing.");
            parts.Add(await crypto.OpenAsync(caller.Tenant, item.GetS("keyId"), item["data"].B.ToArray(), ImportJobItem.PartContext(caller.UserId, job.Id, i), ct));
        }
        return StagedStatement.Join(parts);
    }

    /// <summary>Takes a running job whose lease has lapsed; false when another worker holds it or took it first.</summary>
    public Task<bool> TakeOverAsync(Caller caller, ImportJobItem job, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken ct) =>
        UpdateAsync(caller, job.Id, "SET #owner = :owner, #until = :until",
            "#status = :running AND #until < :now",
            new() { [":owner"] = AttributeValues.S(owner), [":until"] = Millis(until), [":now"] = Millis(now) }, ct);

    public Task<bool> RenewAsync(Caller caller, string id, string owner, DateTimeOffset until, CancellationToken ct) =>
        UpdateAsync(caller, id, "SET #until = :until", LeaseHeld,
            new() { [":owner"] = AttributeValues.S(owner), [":until"] = Millis(until) }, ct);

    /// <summary>Gives the lease up at once (a pod shutting down), so the next read of the job resumes it elsewhere.</summary>
    public Task<bool> ReleaseAsync(Caller caller, string id, string owner, CancellationToken ct) =>
        UpdateAsync(caller, id, "SET #until = :zero", LeaseHeld,
            new() { [":owner"] = AttributeValues.S(owner), [":zero"] = AttributeValues.N(0) }, ct);

    /// <summary>Ends the job: <paramref name="duplicates"/> more found after its last batch; <paramref name="notImported"/> when it stopped.</summary>
    public async Task<bool> FinishAsync(
        Caller caller, ImportJobItem job, string owner, ImportJobStatus status, int duplicates, int? notImported, DateTimeOffset now, CancellationToken ct)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":owner"] = AttributeValues.S(owner),
            [":status"] = AttributeValues.S(ImportJobItem.StatusName(status)),
            [":now"] = AttributeValues.Time(now),
            [":duplicates"] = AttributeValues.N(duplicates),
        };
        var set = "SET #status = :status, updatedAt = :now";
        if (notImported is { } count)
        {
            set += ", notImported = :notImported";
            values[":notImported"] = AttributeValues.N(count);
        }
        values[":running"] = AttributeValues.S(ImportJobItem.StatusName(ImportJobStatus.Running));
        var finish = new LedgerWrite("job", new TransactWriteItem
        {
            Update = new Update
            {
                TableName = caller.Tenant.LedgerTable,
                Key = LedgerKeys.Key(caller.UserId, ImportJobItem.SortKey(job.Id)),
                UpdateExpression = set + " ADD duplicates :duplicates",
                ConditionExpression = LeaseHeld,
                ExpressionAttributeNames = new() { ["#owner"] = "leaseOwner", ["#status"] = "status" },
                ExpressionAttributeValues = values,
            },
        });
        // Committed like a change, so the import.completed event exists exactly when the job's end does.
        var completed = JsonSerializer.SerializeToElement(
            new ImportCompleted(job.Id, job.AccountId, ImportJobItem.StatusName(status), job.Lines), ImportEventJsonContext.Default.ImportCompleted);
        try
        {
            await committer.CommitAsync(caller, audit: null, [finish], [], ct, announce: [new EventDraft(EventTypes.ImportCompleted, completed)]);
        }
        catch (LedgerWriteConflict)
        {
            return false;
        }
        // The statement is no longer needed once the job is final; a failure here leaves it to expire.
        var deletes = Enumerable.Range(0, job.Parts)
            .Select(i => new WriteRequest(new DeleteRequest(LedgerKeys.Key(caller.UserId, ImportJobItem.PartSortKey(job.Id, i)))))
            .ToList();
        await BatchWriteAsync(caller.Tenant.LedgerTable, deletes, ct);
        return true;
    }

    /// <summary>The write a batch carries to record the job's progress, conditional on the lease (see <see cref="IImportProgress"/>).</summary>
    public static TransactWriteItem Progress(Caller caller, string id, string owner, int next, int imported, int duplicates, DateTimeOffset now) => new()
    {
        Update = new Update
        {
            TableName = caller.Tenant.LedgerTable,
            Key = LedgerKeys.Key(caller.UserId, ImportJobItem.SortKey(id)),
            UpdateExpression = "SET #next = :next, updatedAt = :now ADD imported :imported, duplicates :duplicates",
            ConditionExpression = LeaseHeld,
            ExpressionAttributeNames = new() { ["#next"] = "next", ["#owner"] = "leaseOwner", ["#status"] = "status" },
            ExpressionAttributeValues = new()
            {
                [":next"] = AttributeValues.N(next),
                [":now"] = AttributeValues.Time(now),
                [":imported"] = AttributeValues.N(imported),
                [":duplicates"] = AttributeValues.N(duplicates),
                [":owner"] = AttributeValues.S(owner),
                [":running"] = AttributeValues.S(ImportJobItem.StatusName(ImportJobStatus.Running)),
            },
        },
    };

    private async Task<bool> UpdateAsync(
        Caller caller, string id, string update, string condition, Dictionary<string, AttributeValue> values, CancellationToken ct)
    {
        values[":running"] = AttributeValues.S(ImportJobItem.StatusName(ImportJobStatus.Running));
        var names = new Dictionary<string, string> { ["#owner"] = "leaseOwner", ["#until"] = "leaseUntil", ["#status"] = "status" };
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = caller.Tenant.LedgerTable,
                Key = LedgerKeys.Key(caller.UserId, ImportJobItem.SortKey(id)),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = names.Where(n => update.Contains(n.Key, StringComparison.Ordinal) || condition.Contains(n.Key, StringComparison.Ordinal))
                    .ToDictionary(),
                ExpressionAttributeValues = values.Where(v => update.Contains(v.Key, StringComparison.Ordinal) || condition.Contains(v.Key, StringComparison.Ordinal))
                    .ToDictionary(),
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task BatchWriteAsync(string table, List<WriteRequest> requests, CancellationToken ct)
    {
        foreach (var chunk in requests.Chunk(25))
        {
            var pending = chunk.ToList();
            // DynamoDB may leave requests unprocessed under load; send exactly those again, backing off.
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(Backoff.Jittered(attempt), ct);
                }
                var response = await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = pending } }, ct);
                pending = response.UnprocessedItems?.GetValueOrDefault(table) ?? [];
            }
        }
    }

    private static AttributeValue Millis(DateTimeOffset time) => AttributeValues.N(time.ToUnixTimeMilliseconds());
}
