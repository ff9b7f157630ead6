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

    // One webhook.disabled event at a time per pod: each moves the shard's head, which two at once would contend for.
    private readonly SemaphoreSlim appending = new(1, 1);

    public void Dispose() => appending.Dispose();

    public async Task DeliverAsync(ShardLease lease, CancellationToken ct)
    {
        var endpoints = await store.EnabledEndpointsAsync(lease.Tenant, ct);
        // Work stops while half the lease is left, so the worker renews it before another pod could take it.
        var stopAt = lease.Until - events.Value.LeaseDuration / 2;
        // Side by side: a receiver that times out holds back only its own deliveries.
        var behind = await Task.WhenAll(endpoints.Select(e => DeliverToAsync(lease, e, stopAt, ct)));
        metrics.Backlog(lease.Tenant.TenantId, lease.Shard, "delivery", behind.DefaultIfEmpty(0).Max());
    }

    /// <returns>How many events the endpoint is behind the shard's head.</returns>
    private async Task<long> DeliverToAsync(ShardLease lease, WebhookEndpoint endpoint, DateTimeOffset stopAt, CancellationToken ct)
    {
        var cursor = await CursorAsync(lease, endpoint, ct);
        var moved = false;
        var more = true;
        while (more && (cursor.RetryAt is not { } retryAt || retryAt <= time.GetUtcNow()))
        {
            var page = await log.ReadShardAsync(lease.Tenant, lease.Shard, cursor.Position, PageSize, ct);
            more = page.Count == PageSize;
            foreach (var (position, e) in page)
            {
                if (time.GetUtcNow() >= stopAt)
                {
                    more = false;
                    break;
                }
                if (!endpoint.Accepts(e.Type))
                {
                    cursor = cursor.Delivered(position);
                    moved = true;
                    continue;
                }
                var (next, stop) = await SendAsync(lease, endpoint, cursor, position, e, ct);
                cursor = next;
                moved = false;
                if (stop)
                {
                    return lease.Head - cursor.Position;
                }
            }
        }
        if (moved)
        {
            // Only events the endpoint does not take were passed over since the last write.
            await SaveAsync(lease, endpoint.Id, cursor, [], ct);
        }
        return lease.Head - cursor.Position;
    }

    /// <returns>The cursor after the attempt, and whether to stop delivering to this endpoint for now.</returns>
    private async Task<(DeliveryCursor Cursor, bool Stop)> SendAsync(
        ShardLease lease, WebhookEndpoint endpoint, DeliveryCursor cursor, long position, Event e, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(e, EventJsonContext.Default.Event);
        var outcome = await sender.SendAsync(endpoint, e.Id, time.GetUtcNow(), payload, ct);
        var now = time.GetUtcNow();
        var attempt = cursor.Failures + 1;
        if (outcome.Delivered)
        {
            var delivered = cursor.Delivered(position);
            await SaveAsync(lease, endpoint.Id, delivered, [deliveries.Put(lease.Tenant, endpoint.Id, new DeliveryAttempt(e.Id, e.Type, attempt, outcome, now, null))], ct);
            metrics.DeliveryLag((now - e.Time).TotalSeconds);
            return (delivered, false);
        }
        var settings = options.Value;
        var failing = cursor.Failed(now, null);
        if (now - failing.FailingSince >= settings.DisableAfter)
        {
            await DisableAsync(lease, endpoint, failing, deliveries.Put(lease.Tenant, endpoint.Id, new DeliveryAttempt(e.Id, e.Type, attempt, outcome, now, null)), ct);
            return (failing, true);
        }
        var retryAt = now + settings.RetryDelay(failing.Failures, Random.Shared.NextDouble());
        failing = failing with { RetryAt = retryAt };
        await SaveAsync(lease, endpoint.Id, failing, [deliveries.Put(lease.Tenant, endpoint.Id, new DeliveryAttempt(e.Id, e.Type, attempt, outcome, now, retryAt))], ct);
        return (failing, true);
    }

    /// <summary>
    /// The endpoint's cursor in this shard; a new endpoint's starts with the events committed since it was registered,
    /// and a replay asked for since the cursor's last start goes back to the events committed since the replay's time.
    /// </summary>
    private async Task<DeliveryCursor> CursorAsync(ShardLease lease, WebhookEndpoint endpoint, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = lease.Tenant.LedgerTable,
            Key = DeliveryCursor.Key(lease.Shard, endpoint.Id),
            ConsistentRead = true,
        }, ct);
        var cursor = response.IsItemSet && response.Item is { Count: > 0 } item ? DeliveryCursor.FromItem(item) : null;
        if (cursor is not null && cursor.Replay >= endpoint.Replay)
        {
            return cursor;
        }
        var from = endpoint.Replay > 0 && endpoint.ReplaySince is { } since ? since : endpoint.CreatedAt;
        var start = new DeliveryCursor(await log.PositionBeforeAsync(lease.Tenant, lease.Shard, from, lease.Head, ct), 0, null, null, endpoint.Replay);
        await SaveAsync(lease, endpoint.Id, start, [], ct);
        return start;
    }

    private async Task DisableAsync(ShardLease lease, WebhookEndpoint endpoint, DeliveryCursor cursor, TransactWriteItem attempt, CancellationToken ct)
    {
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
                cursor.Put(lease.Tenant, lease.Shard, endpoint.Id),
                attempt,
            };
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
            throw new ShardLeaseLostException(lease, e);
        }
    }
}
