using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The tenant's webhook endpoints (<see cref="WebhookItem"/>). Every write is one transaction with its audit record,
/// conditional on the version it read, as other resources' are; endpoints have no change-feed entry, since they are
/// the tenant's and the change feed is a user's.
/// </summary>
internal sealed class WebhookStore(
    IAmazonDynamoDB dynamo, TenantCrypto crypto, DispatcherAudit dispatcherAudit, IOptions<WebhooksOptions> options, TimeProvider time)
{
    private const string Resource = "webhook";
    private const int MaxAttempts = 5;

    public async Task<CreatedWebhook> CreateAsync(Caller caller, ICommitAudit? audit, CreateWebhookRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var webhook = new Webhook(
            ResourceId.New(now), request.Url!, [.. request.Types!.Distinct(StringComparer.Ordinal)], request.Description, request.Enabled ?? true,
            DisabledReason: null, PreviousSecretExpiresAt: null, now, now, Version: 1);
        var secret = WebhookSecret.New();
        var (keyId, sealedSecret) = await SealAsync(caller.Tenant, webhook.Id, secret, ct);
        var put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = WebhookItem.ToItem(webhook, keyId, sealedSecret),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        };
        await CommitAsync(caller, audit, new TransactWriteItem { Put = put }, webhook.Id, ChangeOp.Create, now, ct);
        return CreatedWebhook.Of(webhook, secret);
    }

    public async Task<Webhook?> GetAsync(TenantRecord tenant, string id, CancellationToken ct) =>
        await ReadAsync(tenant, id, ct) is { } item ? WebhookItem.FromItem(item) : null;

    public async Task<ListResponse<Webhook>> ListAsync(TenantRecord tenant, PageRequest page, CancellationToken ct)
    {
        var (items, next) = await PartitionPages.QueryAsync(dynamo, tenant.LedgerTable, WebhookItem.Partition, WebhookItem.SortKeyPrefix, page.Limit, page.After, forward: true, ct);
        return new ListResponse<Webhook>([.. items.Select(WebhookItem.FromItem)], next is null ? null : PageCursor.Encode(WebhooksApi.ListCollection, next));
    }

    /// <summary>Applies a validated merge patch; enabling clears the reason the endpoint was disabled.</summary>
    public Task<WriteOutcome<Webhook>> UpdateAsync(Caller caller, ICommitAudit? audit, string id, long? requiredVersion, UpdateWebhookRequest patch, CancellationToken ct) =>
        ChangeAsync(caller, audit, id, requiredVersion, (item, current, now) =>
        {
            var enabled = patch.Enabled ?? current.Enabled;
            var types = patch.Types is { } requested ? [.. requested.Distinct(StringComparer.Ordinal)] : current.Types;
            var next = current with
            {
                Url = patch.Url ?? current.Url,
                Types = types.SequenceEqual(current.Types, StringComparer.Ordinal) ? current.Types : types,
                Description = patch.Description ?? current.Description,
                Enabled = enabled,
                DisabledReason = enabled ? null : current.DisabledReason,
            };
            if (next == current)
            {
                return null;
            }
            var changed = WithFields(item, next with { UpdatedAt = now, Version = current.Version + 1 });
            if (enabled && !current.Enabled)
            {
                // Failures before it was enabled again do not count towards disabling it again.
                changed[WebhookItem.EnabledAt] = AttributeValues.Time(now);
            }
            return changed;
        }, ct);

    public async Task<WriteStatus> DeleteAsync(Caller caller, ICommitAudit? audit, string id, long? requiredVersion, CancellationToken ct)
    {
        var delete = new Delete
        {
            TableName = caller.Tenant.LedgerTable,
            Key = WebhookItem.Key(id),
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        if (requiredVersion is { } required)
        {
            delete.ConditionExpression += " AND #v = :v";
            delete.ExpressionAttributeNames["#v"] = VersionedItems.Version;
            delete.ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(required) };
        }
        try
        {
            await CommitAsync(caller, audit, new TransactWriteItem { Delete = delete }, id, ChangeOp.Delete, time.GetUtcNow(), ct);
            return WriteStatus.Done;
        }
        catch (TransactionCanceledException e) when (ConditionFailed(e, out var old))
        {
            return old is null ? WriteStatus.NotFound : WriteStatus.PreconditionFailed;
        }
    }

    /// <summary>
    /// A new signing secret; the current one moves to "previous" and keeps signing until the overlap ends, so
    /// receivers switch without losing a delivery. A previous secret still in its overlap is dropped.
    /// </summary>
    public async Task<WriteOutcome<RotatedWebhookSecret>> RotateSecretAsync(Caller caller, ICommitAudit? audit, string id, CancellationToken ct)
    {
        var secret = WebhookSecret.New();
        var (keyId, sealedSecret) = await SealAsync(caller.Tenant, id, secret, ct);
        var expires = time.GetUtcNow() + options.Value.SecretOverlap;
        var outcome = await ChangeAsync(caller, audit, id, requiredVersion: null, (item, current, now) =>
        {
            expires = now + options.Value.SecretOverlap;
            return new Dictionary<string, AttributeValue>(item)
            {
                [WebhookItem.PreviousSecret] = item[WebhookItem.Secret],
                [WebhookItem.PreviousSecretKeyId] = item[WebhookItem.SecretKeyId],
                [WebhookItem.PreviousSecretExpiresAt] = AttributeValues.Time(expires),
                [WebhookItem.Secret] = new AttributeValue { B = new MemoryStream(sealedSecret) },
                [WebhookItem.SecretKeyId] = AttributeValues.S(keyId),
                [VersionedItems.UpdatedAt] = AttributeValues.Time(now),
                [VersionedItems.Version] = AttributeValues.N(current.Version + 1),
            };
        }, ct);
        return outcome.Status == WriteStatus.Done
            ? WriteOutcome<RotatedWebhookSecret>.Done(new RotatedWebhookSecret(secret, expires))
            : WriteOutcome<RotatedWebhookSecret>.Of(outcome.Status);
    }

    /// <summary>
    /// Stops an endpoint whose deliveries kept failing, saying why in its <see cref="Webhook.DisabledReason"/>; the
    /// delivery loop calls it, with <paramref name="alongside"/> (the <c>webhook.disabled</c> event and its shard's
    /// lease) committed in the same transaction. True only for the call that disabled it: false when the endpoint is
    /// gone or was already disabled (then nothing is written, and no second event is due).
    /// </summary>
    public async Task<bool> DisableAsync(TenantRecord tenant, string id, string reason, IReadOnlyList<TransactWriteItem> alongside, CancellationToken ct)
    {
        var disabledNow = false;
        var outcome = await ChangeAsync(new Caller(DispatcherAudit.Actor, tenant), dispatcherAudit, id, requiredVersion: null, (item, current, now) =>
        {
            disabledNow = current.Enabled;
            return current.Enabled ? WithFields(item, current with { Enabled = false, DisabledReason = reason, UpdatedAt = now, Version = current.Version + 1 }) : null;
        }, ct, alongside);
        return outcome.Status == WriteStatus.Done && disabledNow;
    }

    /// <summary>
    /// Asks the delivery loop to send again every kept event committed from <paramref name="since"/> on: it counts the
    /// request on the endpoint, and each shard's holder, finding its own count behind, starts over from there.
    /// </summary>
    public Task<WriteOutcome<Webhook>> RequestReplayAsync(Caller caller, ICommitAudit? audit, string id, DateTimeOffset since, CancellationToken ct) =>
        ChangeAsync(caller, audit, id, requiredVersion: null, (item, current, now) =>
        {
            var next = WithFields(item, current with { UpdatedAt = now, Version = current.Version + 1 });
            next[WebhookItem.Replay] = AttributeValues.N((item.ContainsKey(WebhookItem.Replay) ? item.GetN(WebhookItem.Replay) : 0) + 1);
            next[WebhookItem.ReplaySince] = AttributeValues.Time(since);
            return next;
        }, ct);

    /// <summary>One endpoint as the sender needs it, with the secrets signing now; null when it does not exist.</summary>
    public async Task<WebhookEndpoint?> EndpointAsync(TenantRecord tenant, string id, CancellationToken ct) =>
        await ReadAsync(tenant, id, ct) is { } item ? await EndpointOfAsync(tenant, item, ct) : null;

    /// <summary>Every enabled endpoint of the tenant, with the secrets signing now: what the delivery loop sends to.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> EnabledEndpointsAsync(TenantRecord tenant, CancellationToken ct)
    {
        var endpoints = new List<WebhookEndpoint>();
        string? after = null;
        do
        {
            var (items, next) = await PartitionPages.QueryAsync(
                dynamo, tenant.LedgerTable, WebhookItem.Partition, WebhookItem.SortKeyPrefix, PageRequest.MaxLimit, after, forward: true, ct);
            foreach (var item in items)
            {
                if (item.GetBool(WebhookItem.Enabled))
                {
                    endpoints.Add(await EndpointOfAsync(tenant, item, ct));
                }
            }
            after = next;
        }
        while (after is not null);
        return endpoints;
    }

    private async Task<WebhookEndpoint> EndpointOfAsync(TenantRecord tenant, Dictionary<string, AttributeValue> item, CancellationToken ct)
    {
        var webhook = WebhookItem.FromItem(item);
        var context = WebhookItem.SealingContext(tenant.TenantId, webhook.Id);
        var secrets = new List<string> { await OpenAsync(tenant, item[WebhookItem.SecretKeyId].S, item[WebhookItem.Secret], context, ct) };
        if (webhook.PreviousSecretExpiresAt is { } expires && expires > time.GetUtcNow())
        {
            secrets.Add(await OpenAsync(tenant, item[WebhookItem.PreviousSecretKeyId].S, item[WebhookItem.PreviousSecret], context, ct));
        }
        return new WebhookEndpoint(
            webhook.Id, new Uri(webhook.Url), webhook.Types, webhook.Enabled, secrets, webhook.CreatedAt,
            item.ContainsKey(WebhookItem.Replay) ? item.GetN(WebhookItem.Replay) : 0,
            item.ContainsKey(WebhookItem.ReplaySince) ? item.GetTime(WebhookItem.ReplaySince) : null)
        {
            EnabledAt = item.ContainsKey(WebhookItem.EnabledAt) ? item.GetTime(WebhookItem.EnabledAt) : webhook.CreatedAt,
        };
    }

    private async Task<string> OpenAsync(TenantRecord tenant, string keyId, AttributeValue sealedSecret, string context, CancellationToken ct) =>
        System.Text.Encoding.UTF8.GetString(await crypto.OpenForTenantAsync(tenant, keyId, WebhookItem.Bytes(sealedSecret), context, ct));

    private Task<(string KeyId, byte[] Sealed)> SealAsync(TenantRecord tenant, string id, string secret, CancellationToken ct) =>
        crypto.SealForTenantAsync(tenant, System.Text.Encoding.UTF8.GetBytes(secret), WebhookItem.SealingContext(tenant.TenantId, id), ct);

    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(TenantRecord tenant, string id, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = tenant.LedgerTable, Key = WebhookItem.Key(id), ConsistentRead = true }, ct);
        return response.IsItemSet && response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// Reads the endpoint, asks <paramref name="plan"/> for the item it should become (null: nothing to change), and
    /// writes it only if the version is still the one read. A lost race is a 412 when the client pinned a version
    /// with If-Match, and otherwise planned again on the fresh item.
    /// </summary>
    private async Task<WriteOutcome<Webhook>> ChangeAsync(
        Caller caller, ICommitAudit? audit, string id, long? requiredVersion,
        Func<Dictionary<string, AttributeValue>, Webhook, DateTimeOffset, Dictionary<string, AttributeValue>?> plan, CancellationToken ct,
        IReadOnlyList<TransactWriteItem>? alongside = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var item = await ReadAsync(caller.Tenant, id, ct);
            if (item is null)
            {
                return WriteOutcome<Webhook>.Of(WriteStatus.NotFound);
            }
            var current = WebhookItem.FromItem(item);
            if (requiredVersion is { } required && required != current.Version)
            {
                return WriteOutcome<Webhook>.Of(WriteStatus.PreconditionFailed);
            }
            var now = time.GetUtcNow();
            if (plan(item, current, now) is not { } next)
            {
                return WriteOutcome<Webhook>.Done(current);
            }
            var put = new Put
            {
                TableName = caller.Tenant.LedgerTable,
                Item = next,
                ConditionExpression = "#v = :v",
                ExpressionAttributeNames = new() { ["#v"] = VersionedItems.Version },
                ExpressionAttributeValues = new() { [":v"] = AttributeValues.N(current.Version) },
            };
            try
            {
                await CommitAsync(caller, audit, new TransactWriteItem { Put = put }, id, ChangeOp.Upsert, now, ct, alongside);
                return WriteOutcome<Webhook>.Done(WebhookItem.FromItem(next));
            }
            catch (TransactionCanceledException e) when (ConditionFailed(e, out _))
            {
                if (requiredVersion is not null)
                {
                    return WriteOutcome<Webhook>.Of(WriteStatus.PreconditionFailed);
                }
                if (attempt + 1 >= MaxAttempts)
                {
                    return WriteOutcome<Webhook>.Of(WriteStatus.Contended);
                }
                await Task.Delay(Backoff.Jittered(attempt), time, ct);
            }
        }
    }

    private static Dictionary<string, AttributeValue> WithFields(Dictionary<string, AttributeValue> item, Webhook webhook)
    {
        var next = new Dictionary<string, AttributeValue>(item);
        WebhookItem.SetFields(next, webhook);
        return next;
    }

    private async Task CommitAsync(
        Caller caller, ICommitAudit? audit, TransactWriteItem write, string id, ChangeOp op, DateTimeOffset now, CancellationToken ct,
        IReadOnlyList<TransactWriteItem>? alongside = null)
    {
        var writes = new List<TransactWriteItem> { write };
        writes.AddRange(alongside ?? []);
        if (audit is not null)
        {
            writes.Add(audit.RecordFor(caller, await crypto.PseudonymAsync(caller.Tenant, caller.UserId, ct), [new ChangedEntity(Resource, id, op, WebhookItem.SortKey(id))], now));
        }
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes, ClientRequestToken = Guid.NewGuid().ToString("N") }, ct);
        audit?.Committed(caller.Tenant);
    }

    // The endpoint's own write is the first of the transaction; the audit record's condition cannot fail on a fresh id.
    private static bool ConditionFailed(TransactionCanceledException e, out Dictionary<string, AttributeValue>? item)
    {
        item = null;
        if (e.CancellationReasons is [{ Code: "ConditionalCheckFailed" } reason, ..])
        {
            item = reason.Item is { Count: > 0 } old ? old : null;
            return true;
        }
        return false;
    }
}
