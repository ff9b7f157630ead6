using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The attempts to deliver to one endpoint, in a partition of the endpoint's own, <c>WEBHOOK#&lt;id&gt;#DELIVERIES</c>,
/// sorted by time (<c>DELIVERY#&lt;time&gt;#&lt;event&gt;#&lt;attempt&gt;</c>) and removed by TTL after the retention.
/// They are the delivery loop's log, not changes of anyone's data, so they carry no audit record.
/// </summary>
internal sealed class WebhookDeliveries(IAmazonDynamoDB dynamo, IOptions<WebhooksOptions> options)
{
    public const string SortKeyPrefix = "DELIVERY#";

    public static string Partition(string webhookId) => $"{WebhookItem.SortKeyPrefix}{webhookId}#DELIVERIES";

    /// <summary>What a cursor of this endpoint's list is issued for, so it cannot be replayed against another's.</summary>
    public static string Collection(string webhookId) => $"webhook-deliveries:{webhookId}";

    /// <summary>The put of an attempt's record, for the transaction that also moves the endpoint's progress.</summary>
    public TransactWriteItem Put(TenantRecord tenant, string webhookId, DeliveryAttempt attempt)
    {
        var at = attempt.At.UtcDateTime;
        var item = LedgerKeys.KeyIn(
            Partition(webhookId), string.Create(CultureInfo.InvariantCulture, $"{SortKeyPrefix}{at:yyyy-MM-ddTHH:mm:ss.fffffffZ}#{attempt.EventId}#{attempt.Attempt:D6}"));
        item["entity"] = AttributeValues.S("webhook-delivery");
        item["eventId"] = AttributeValues.S(attempt.EventId);
        item["eventType"] = AttributeValues.S(attempt.EventType);
        item["attempt"] = AttributeValues.N(attempt.Attempt);
        item["outcome"] = AttributeValues.S(DeliveryResults.Name(attempt.Outcome.Result));
        item["durationMs"] = AttributeValues.N((long)attempt.Outcome.Duration.TotalMilliseconds);
        item["time"] = AttributeValues.Time(attempt.At);
        item[LedgerTable.ExpiresAt] = AttributeValues.N((attempt.At + options.Value.DeliveryRetention).ToUnixTimeSeconds());
        if (attempt.Outcome.StatusCode is { } status)
        {
            item["statusCode"] = AttributeValues.N(status);
        }
        if (attempt.NextRetryAt is { } next)
        {
            item["nextRetryAt"] = AttributeValues.Time(next);
        }
        return new TransactWriteItem { Put = new Put { TableName = tenant.LedgerTable, Item = item } };
    }

    /// <summary>A page of the endpoint's attempts, newest first.</summary>
    public async Task<ListResponse<WebhookDelivery>> ListAsync(TenantRecord tenant, string webhookId, PageRequest page, CancellationToken ct)
    {
        var (items, next) = await PartitionPages.QueryAsync(dynamo, tenant.LedgerTable, Partition(webhookId), SortKeyPrefix, page.Limit, page.After, forward: false, ct);
        return new ListResponse<WebhookDelivery>(
            [.. items.Select(FromItem)], next is null ? null : PageCursor.Encode(Collection(webhookId), next));
    }

    private static WebhookDelivery FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("eventId"),
        item.GetS("eventType"),
        (int)item.GetN("attempt"),
        item.GetS("outcome"),
        item.ContainsKey("statusCode") ? (int)item.GetN("statusCode") : null,
        item.GetN("durationMs"),
        item.GetTime("time"),
        item.ContainsKey("nextRetryAt") ? item.GetTime("nextRetryAt") : null);
}
