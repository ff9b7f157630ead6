using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Idempotency;

/// <summary>
/// Creates resources so that a retried POST never creates twice. With an Idempotency-Key the resource's writes and
/// the stored answer go into one transaction: either both exist or neither, so a crash between "created" and
/// "remembered" cannot happen, and of two concurrent requests with one key exactly one commits.
/// </summary>
internal sealed class IdempotentCreator(LedgerCommitter committer, UserItems items, TimeProvider time, IOptions<ApiOptions> options)
{
    private const int MaxAttempts = 3;

    /// <param name="create">
    /// Plans the resource's writes without making them, or refuses the request (a refusal comes back in the outcome).
    /// With a key it runs before any stored answer is looked for: a repeat builds its writes again, then replays.
    /// </param>
    public async Task<CreateOutcome<TResponse>> CreateAsync<TRequest, TResponse>(
        Caller caller,
        ICommitAudit? audit,
        string operation,
        string? key,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<Task<WriteOutcome<NewResource<TResponse>>>> create,
        CancellationToken ct)
    {
        if (key is null)
        {
            var planned = await create();
            if (planned is not { Status: WriteStatus.Done, Value: { } created })
            {
                return CreateOutcome<TResponse>.Refused(planned);
            }
            await committer.CommitAsync(caller, audit, created.Writes, created.Changes, ct);
            return new CreateOutcome<TResponse>(created.Body, created.Location, Replayed: false, KeyReused: false);
        }

        var fingerprint = Fingerprint(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType));
        for (var attempt = 1; ; attempt++)
        {
            // No read of a stored answer first: nearly every key is fresh, and the record's condition in the commit
            // catches a repeat anyway. Only a refusal or a failed commit looks for the answer an earlier request left.
            var planned = await create();
            if (planned is not { Status: WriteStatus.Done, Value: { } resource })
            {
                // A repeat of a request that succeeded may be refused now (its account closed since, or the card it
                // stored is a duplicate of itself): it still gets the first answer.
                return await FindAsync(caller, key, ct) is { } earlier ? Replay(earlier, fingerprint, responseType) : CreateOutcome<TResponse>.Refused(planned);
            }
            var record = new IdempotencyRecord(
                fingerprint,
                StatusCodes.Status201Created,
                resource.Location,
                JsonSerializer.Serialize(resource.Body, responseType),
                time.GetUtcNow() + options.Value.IdempotencyRetention);
            var writes = resource.Writes.Append(RecordWrite(caller, key, record)).ToList();
            try
            {
                await committer.CommitAsync(caller, audit, writes, resource.Changes, ct);
                return new CreateOutcome<TResponse>(resource.Body, resource.Location, Replayed: false, KeyReused: false);
            }
            catch (LedgerWriteConflict conflict)
            {
                // Any of the writes' conditions may fail for a repeat (the resource's own uniqueness first of all),
                // so the stored answer decides, whichever condition was reported.
                if (await FindAsync(caller, key, ct) is { } stored)
                {
                    return Replay(stored, fingerprint, responseType);
                }
                if (conflict.FailedWrite != IdempotencyRecord.Write || attempt >= MaxAttempts)
                {
                    throw;
                }
                // The record's condition failed but no live record is there: it expired in between. Try again.
            }
        }
    }

    private async Task<IdempotencyRecord?> FindAsync(Caller caller, string key, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, IdempotencyRecord.SortKey(key), ct);
        var record = item is null ? null : IdempotencyRecord.FromItem(item);
        // TTL deletion lags by up to days; an expired record is as good as gone.
        return record is not null && record.ExpiresAt > time.GetUtcNow() ? record : null;
    }

    private static CreateOutcome<TResponse> Replay<TResponse>(IdempotencyRecord stored, string fingerprint, JsonTypeInfo<TResponse> responseType)
    {
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.Fingerprint), Encoding.ASCII.GetBytes(fingerprint)))
        {
            return new CreateOutcome<TResponse>(default, null, Replayed: false, KeyReused: true);
        }
        return new CreateOutcome<TResponse>(JsonSerializer.Deserialize(stored.Body, responseType), stored.Location, Replayed: true, KeyReused: false);
    }

    private LedgerWrite RecordWrite(Caller caller, string key, IdempotencyRecord record) => new(IdempotencyRecord.Write, new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = record.ToItem(caller.UserId, key),
            ConditionExpression = "attribute_not_exists(#pk) OR #exp < :now",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#exp"] = LedgerTable.ExpiresAt },
            ExpressionAttributeValues = new() { [":now"] = AttributeValues.N(time.GetUtcNow().ToUnixTimeSeconds()) },
        },
    });

    private static string Fingerprint(string operation, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation));
        hash.AppendData([0]);
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
