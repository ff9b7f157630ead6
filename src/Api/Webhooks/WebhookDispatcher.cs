using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Events;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// Delivers a shard's events to the tenant's enabled endpoints, run by the shard's lease holder after it records them.
/// Each endpoint has its own cursor in the shard (<see cref="DeliveryCursor"/>) and gets the shard's events in log
/// order, so a user's events arrive in commit order; an event that fails holds those after it back until it is
/// delivered (retried with exponential backoff and jitter) or the endpoint has failed for
/// <see cref="WebhooksOptions.DisableAfter"/> and is disabled, which a <c>webhook.disabled</c> event in the same
/// transaction says. Every cursor move is written with the lease's condition, so a pod that lost the shard stops at
/// its next write; what it sent after the new holder's last read is sent again (at least once, de-duplicated by the
/// receiver on <c>webhook-id</c>), and nothing is skipped.
/// </summary>
internal sealed class WebhookDispatcher(
    IAmazonDynamoDB dynamo,
    WebhookStore store,
    WebhookSender sender,
    WebhookDeliveries deliveries,
    EventLog log,
    EventMetrics metrics,
    IOptions<WebhooksOptions> options,
    IOptions<EventsOptions> events,
    TimeProvider time) : IShardDelivery, IDisposable
{
    private const int PageSize = 50;

    // Attempts per cursor write at most; with the lease check and the cursor, well inside a transaction's 100 items.
    private const int SaveEvery = 25;

    // One webhook.disabled event at a time per pod: each moves the shard's head, which two at once would contend for.
    private readonly SemaphoreSlim appending = new(1, 1);

    // The cursors this pod wrote while holding their shard: with the lease held throughout, nobody else moved them, so
    // a shard whose head has not passed them needs no read at all.
    private readonly ConcurrentDictionary<(string Tenant, int Shard, string Webhook), DeliveryCursor> cursors = new();

    // Each tenant's enabled endpoints, read again after a poll interval: a change (a new endpoint, one disabled by
    // hand) reaches delivery within that, and an endpoint's deliveries start from its registration whenever seen.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, IReadOnlyList<WebhookEndpoint> Endpoints)> endpointsOf = new(StringComparer.Ordinal);

    public void Dispose() => appending.Dispose();

    public void Released(string tenantId, int shard)
    {
        foreach (var key in cursors.Keys.Where(k => k.Tenant == tenantId && k.Shard == shard))
        {
            cursors.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// The lease a send needs left when it starts, so it ends before the lease could pass to another pod: a request's
    /// whole timeout, or half the lease if that is shorter (then a send slower than that may, rarely, be repeated).
    /// </summary>
    public TimeSpan LeaseNeeded => options.Value.RequestTimeout < events.Value.LeaseDuration / 2 ? options.Value.RequestTimeout : events.Value.LeaseDuration / 2;

    public async Task DeliverAsync(ShardLease lease, CancellationToken ct)
    {
        var endpoints = await EndpointsAsync(lease, ct);
        // Side by side: a receiver that times out holds back only its own deliveries.
        var behind = await Task.WhenAll(endpoints.Select(e => DeliverToAsync(lease, e, ct)));
        metrics.Backlog(lease.Tenant.TenantId, lease.Shard, "delivery", behind.DefaultIfEmpty(0).Max());
    }

    private async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(ShardLease lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (endpointsOf.TryGetValue(lease.Tenant.TenantId, out var known) && known.Until > now)
        {
            return known.Endpoints;
        }
        var endpoints = await store.EnabledEndpointsAsync(lease.Tenant, ct);
        endpointsOf[lease.Tenant.TenantId] = (now + events.Value.PollInterval, endpoints);
        return endpoints;
    }

    /// <returns>How many events the endpoint is behind the shard's head.</returns>
    private async Task<long> DeliverToAsync(ShardLease lease, WebhookEndpoint endpoint, CancellationToken ct)
    {
        var cursor = await CursorAsync(lease, endpoint, ct);
        if (cursor.Position >= lease.Head)
        {
            return 0;
        }
        // Delivered attempts since the cursor was last written: written together, so a run of deliveries costs one
        // write per SaveEvery; a pod that dies in between has those events sent again by the next holder.
        var unsaved = new List<TransactWriteItem>();
        var moved = false;
        var more = true;
        while (more && !ct.IsCancellationRequested && (cursor.RetryAt is not { } retryAt || retryAt <= time.GetUtcNow()))
        {
            var page = await log.ReadShardAsync(lease.Tenant, lease.Shard, cursor.Position, PageSize, CancellationToken.None);
            more = page.Count == PageSize;
            foreach (var (position, e) in page)
            {
                // Stopping (the pod shuts down) or too little lease left: write what was sent, and leave the rest to
                // the next pass or the next holder.
                if (ct.IsCancellationRequested || lease.Until - time.GetUtcNow() < LeaseNeeded)
                {
                    more = false;
                    break;
                }
                moved = true;
                if (!endpoint.Accepts(e.Type))
                {
                    cursor = cursor.Delivered(position);
                    continue;
                }
                var payload = JsonSerializer.SerializeToUtf8Bytes(e, EventJsonContext.Default.Event);
                // Not cancelled by a stop: a send in flight finishes (within the request timeout) and is recorded.
                var outcome = await sender.SendAsync(endpoint, e.Id, time.GetUtcNow(), payload, CancellationToken.None);
                var now = time.GetUtcNow();
                if (outcome.Delivered)
                {
                    unsaved.Add(deliveries.Put(lease.Tenant, endpoint.Id, new DeliveryAttempt(e.Id, e.Type, cursor.Failures + 1, outcome, now, null)));
                    cursor = cursor.Delivered(position);
                    metrics.DeliveryLag((now - e.Time).TotalSeconds);
                    if (unsaved.Count >= SaveEvery)
                    {
                        await SaveAsync(lease, endpoint.Id, cursor, unsaved, CancellationToken.None);
                        unsaved.Clear();
                        moved = false;
                    }
                    continue;
                }
                await FailedAsync(lease, endpoint, cursor, e, outcome, now, unsaved);
                return lease.Head - position + 1;
            }
        }
        if (moved)
        {
            await SaveAsync(lease, endpoint.Id, cursor, unsaved, CancellationToken.None);
        }
        return lease.Head - cursor.Position;
    }

    /// <summary>
    /// Writes a failed attempt with the cursor held at the event: retried after the backoff, or, once the endpoint has
    /// failed for <see cref="WebhooksOptions.DisableAfter"/>, disabled.
    /// </summary>
    private async Task FailedAsync(
        ShardLease lease, WebhookEndpoint endpoint, DeliveryCursor cursor, Event e, DeliveryOutcome outcome, DateTimeOffset now,
        List<TransactWriteItem> unsaved)
    {
        var settings = options.Value;
        // Failures from before the endpoint was last enabled do not count towards disabling it again.
        var counted = cursor.FailingSince is { } since && since < endpoint.EnabledAt ? cursor with { FailingSince = null } : cursor;
        var attempt = cursor.Failures + 1;
        var failing = counted.Failed(now, null);
        if (now - failing.FailingSince >= settings.DisableAfter)
        {
            unsaved.Add(deliveries.Put(lease.Tenant, endpoint.Id, new DeliveryAttempt(e.Id, e.Type, attempt, outcome, now, null)));
            if (await DisableAsync(lease, endpoint, failing, unsaved))
            {
                return;
            }
            // Disabled meanwhile by hand or gone: keep what was delivered, and try this event again later if it returns.
            unsaved.RemoveAt(unsaved.Count - 1);
        }
        var retryAt = now + settings.RetryDelay(failing.Failures, Random.Shared.NextDouble());
        unsaved.Add(deliveries.Put(lease.Tenant, endpoint.Id, new DeliveryAttempt(e.Id, e.Type, attempt, outcome, now, retryAt)));
        await SaveAsync(lease, endpoint.Id, failing with { RetryAt = retryAt }, unsaved, CancellationToken.None);
    }

    /// <summary>
    /// The endpoint's cursor in this shard; a new endpoint's starts with the events committed since it was registered,
    /// and a replay asked for since the cursor's last start goes back to the events committed since the replay's time.
    /// </summary>
    private async Task<DeliveryCursor> CursorAsync(ShardLease lease, WebhookEndpoint endpoint, CancellationToken ct)
    {
        if (cursors.TryGetValue((lease.Tenant.TenantId, lease.Shard, endpoint.Id), out var remembered) && remembered.Replay >= endpoint.Replay)
        {
            return remembered;
        }
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = lease.Tenant.LedgerTable,
            Key = DeliveryCursor.Key(lease.Shard, endpoint.Id),
            ConsistentRead = true,
        }, ct);
        var cursor = response.IsItemSet && response.Item is { Count: > 0 } item ? DeliveryCursor.FromItem(item) : null;
        if (cursor is not null && cursor.Replay >= endpoint.Replay)
        {
            cursors[(lease.Tenant.TenantId, lease.Shard, endpoint.Id)] = cursor;
            return cursor;
        }
        var from = endpoint.Replay > 0 && endpoint.ReplaySince is { } since ? since : endpoint.CreatedAt;
        var position = await log.PositionBeforeAsync(lease.Tenant, lease.Shard, from, lease.Head, ct);
        // A replay never skips what the endpoint has yet to receive: it starts at the earlier of the two.
        var start = cursor is null
            ? new DeliveryCursor(position, 0, null, null, endpoint.Replay)
            : cursor with { Position = Math.Min(position, cursor.Position), Replay = endpoint.Replay, RetryAt = null };
        await SaveAsync(lease, endpoint.Id, start, [], ct);
        return start;
    }

    /// <returns>Whether this call disabled the endpoint (and wrote the cursor and the attempts with it).</returns>
    private async Task<bool> DisableAsync(ShardLease lease, WebhookEndpoint endpoint, DeliveryCursor cursor, IReadOnlyList<TransactWriteItem> attempts)
    {
        var ct = CancellationToken.None;
        var now = time.GetUtcNow();
        var reason = $"Deliveries failed for {options.Value.DisableAfter.TotalHours:0.##} hours since {cursor.FailingSince:O}.";
        await appending.WaitAsync(ct);
        try
        {
            var notice = new Event(
                Guid.CreateVersion7(now).ToString("N"), EventTypes.WebhookDisabled, lease.Tenant.TenantId, null, now,
                JsonSerializer.SerializeToElement(new WebhookDisabled(endpoint.Id, endpoint.Url.ToString(), reason), WebhooksJsonContext.Default.WebhookDisabled));
            var head = lease.Head + 1;
            var alongside = new List<TransactWriteItem>
            {
                lease.Advance(head, now),
                new() { Put = new Put { TableName = lease.Tenant.LedgerTable, Item = EventItem.ToItem(lease.Shard, head, notice, now + events.Value.Retention) } },
                // Failures start afresh if the endpoint is enabled again: it gets a whole DisableAfter of retries then.
                cursor.Delivered(cursor.Position).Put(lease.Tenant, lease.Shard, endpoint.Id),
            };
            alongside.AddRange(attempts);
            bool disabled;
            try
            {
                disabled = await store.DisableAsync(lease.Tenant, endpoint.Id, reason, alongside, ct);
            }
            catch (TransactionCanceledException e)
            {
                throw new ShardLeaseLostException(lease, e);
            }
            if (disabled)
            {
                lease.Advanced(head);
                metrics.Recorded(notice.Type);
            }
            cursors.TryRemove((lease.Tenant.TenantId, lease.Shard, endpoint.Id), out _);
            endpointsOf.TryRemove(lease.Tenant.TenantId, out _);
            return disabled;
        }
        finally
        {
            appending.Release();
        }
    }

    /// <summary>Writes the cursor (and the attempt's record) if this pod still holds the shard.</summary>
    private async Task SaveAsync(ShardLease lease, string webhookId, DeliveryCursor cursor, IReadOnlyList<TransactWriteItem> with, CancellationToken ct)
    {
        var items = new List<TransactWriteItem> { lease.Held(time.GetUtcNow()), cursor.Put(lease.Tenant, lease.Shard, webhookId) };
        items.AddRange(with);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is [{ Code: "ConditionalCheckFailed" }, ..])
        {
            Released(lease.Tenant.TenantId, lease.Shard);
            throw new ShardLeaseLostException(lease, e);
        }
        cursors[(lease.Tenant.TenantId, lease.Shard, webhookId)] = cursor;
    }
}
