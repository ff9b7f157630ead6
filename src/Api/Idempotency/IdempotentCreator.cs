using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Idempotency;

/// <summary>
/// Creates resources so that a retried POST never creates twice. With an Idempotency-Key the resource's writes and
/// the stored answer go into one TransactWriteItems: either both exist or neither, so a crash between "created" and
/// "remembered" cannot happen, and of two concurrent requests with one key exactly one commits.
/// </summary>
internal sealed class IdempotentCreator(IAmazonDynamoDB dynamo, UserItems items, TimeProvider time, IOptions<ApiOptions> options)
{
    private const int MaxConflictRetries = 3;

    public async Task<CreateOutcome<TResponse>> CreateAsync<TRequest, TResponse>(
        Caller caller,
        string operation,
        string? key,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<NewResource<TResponse>> create,
        CancellationToken ct)
    {
        if (key is null)
        {
            var created = create();
            await CommitAsync(created.Writes, ct);
            return new CreateOutcome<TResponse>(created.Body, created.Location, Replayed: false, KeyReused: false);
        }

        var fingerprint = Fingerprint(operation, JsonSerializer.SerializeToUtf8Bytes(request, requestType));
        for (var attempt = 0; ; attempt++)
        {
            var stored = await FindAsync(caller, key, ct);
            if (stored is not null)
            {
                return Replay(stored, fingerprint, responseType);
            }

            var resource = create();
            var record = new IdempotencyRecord(
                fingerprint,
                StatusCodes.Status201Created,
                resource.Location,
                JsonSerializer.Serialize(resource.Body, responseType),
                time.GetUtcNow() + options.Value.IdempotencyRetention);
            var writes = resource.Writes.Append(RecordWrite(caller, key, record)).ToList();
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes }, ct);
                return new CreateOutcome<TResponse>(resource.Body, resource.Location, Replayed: false, KeyReused: false);
            }
            catch (TransactionCanceledException e) when (attempt < MaxConflictRetries && IsRetryable(e, writes.Count - 1))
            {
                // Another request with this key committed first (its record now exists) or the items were busy:
                // look again, and replay what the winner stored.
            }
        }
    }

    // A lone Put needs no transaction, which costs twice the write units and serialises on DynamoDB Local.
    private async Task CommitAsync(IReadOnlyList<TransactWriteItem> writes, CancellationToken ct)
    {
        if (writes is [{ Put: { } put }])
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = put.TableName,
                Item = put.Item,
                ConditionExpression = put.ConditionExpression,
                ExpressionAttributeNames = put.ExpressionAttributeNames,
                ExpressionAttributeValues = put.ExpressionAttributeValues,
            }, ct);
            return;
        }
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes.ToList() }, ct);
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

    private TransactWriteItem RecordWrite(Caller caller, string key, IdempotencyRecord record) => new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = record.ToItem(caller.UserId, key),
            ConditionExpression = "attribute_not_exists(#pk) OR #exp < :now",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#exp"] = LedgerTable.ExpiresAt },
            ExpressionAttributeValues = new() { [":now"] = AttributeValues.N(time.GetUtcNow().ToUnixTimeSeconds()) },
        },
    };

    private static bool IsRetryable(TransactionCanceledException e, int recordIndex)
    {
        var reasons = e.CancellationReasons ?? [];
        var recordTaken = reasons.Count > recordIndex && reasons[recordIndex].Code == "ConditionalCheckFailed";
        return recordTaken || reasons.Any(r => r.Code == "TransactionConflict");
    }

    private static string Fingerprint(string operation, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation));
        hash.AppendData([0]);
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
