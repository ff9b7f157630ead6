using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Idempotency;

/// <summary>
/// The stored outcome of a POST made with an Idempotency-Key: <c>IDEMP#&lt;key&gt;</c> in the caller's partition,
/// deleted by TTL after the retention window.
/// </summary>
internal sealed record IdempotencyRecord(string Fingerprint, int Status, string Location, string Body, DateTimeOffset ExpiresAt)
{
    public const string SortKeyPrefix = "IDEMP#";

    /// <summary>The name of the write that stores the answer with the resource it answers for.</summary>
    public const string Write = "idempotency record";
    public const string BodyAttribute = "body";
    public const string LocationAttribute = "location";

    public static string SortKey(string key) => SortKeyPrefix + key;

    public Dictionary<string, AttributeValue> ToItem(string userId, string key)
    {
        var item = LedgerKeys.Key(userId, SortKey(key));
        item["fingerprint"] = AttributeValues.S(Fingerprint);
        item["status"] = AttributeValues.N(Status);
        item[LocationAttribute] = AttributeValues.S(Location);
        item[BodyAttribute] = AttributeValues.S(Body);
        item[LedgerTable.ExpiresAt] = AttributeValues.N(ExpiresAt.ToUnixTimeSeconds());
        return item;
    }

    public static IdempotencyRecord FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("fingerprint"),
        (int)item.GetN("status"),
        item.GetS(LocationAttribute),
        item.GetS(BodyAttribute),
        DateTimeOffset.FromUnixTimeSeconds(item.GetN(LedgerTable.ExpiresAt)));
}
