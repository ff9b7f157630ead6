using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The ledger's sort keys and the items the storage path writes besides transactions and budget buckets: the change
/// entry, a category, a stored idempotent answer. Attribute for attribute what the API's mappers write, so DynamoDB
/// stores, indexes and compares items of the same shape and size.
/// </summary>
internal static class LedgerItems
{
    public const string AccountPrefix = "ACCOUNT#";
    public const string CategoryPrefix = "CATEGORY#";
    public const string TransactionPrefix = "TXN#";
    public const string ChangePrefix = "CHANGE#";
    public const string IdempotencyPrefix = "IDEMP#";
    public const string Profile = "PROFILE";
    public const string Version = "version";
    public const string UpdatedAt = "updatedAt";

    /// <summary>A new resource id as the API makes them: a time-ordered UUIDv7 in 32 hex digits.</summary>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    public static string ChangeSortKey(long sequence) => ChangePrefix + sequence.ToString("D16", CultureInfo.InvariantCulture);

    public static long SequenceOf(string changeSortKey) => long.Parse(changeSortKey.AsSpan(ChangePrefix.Length), CultureInfo.InvariantCulture);

    public static AttributeValue S(string value) => new(value);

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue Time(DateTimeOffset value) => new(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    /// <summary><c>CHANGE#n</c>: what one committed write changed, for the change feed.</summary>
    public static Dictionary<string, AttributeValue> Change(LedgerUser user, long sequence, IReadOnlyList<ChangedEntity> changes, DateTimeOffset at)
    {
        var item = user.Key(ChangeSortKey(sequence));
        item["at"] = Time(at);
        item["entities"] = new AttributeValue
        {
            L = [.. changes.Select(c => new AttributeValue
            {
                M = new Dictionary<string, AttributeValue>
                {
                    ["t"] = S(c.Type),
                    ["id"] = S(c.Id),
                    ["op"] = S(c.Deleted ? "delete" : "upsert"),
                    ["k"] = S(c.SortKey),
                },
            })],
        };
        return item;
    }

    /// <summary>The entities a change entry lists, as the feed reads them back.</summary>
    public static IEnumerable<ChangedEntity> EntitiesOf(Dictionary<string, AttributeValue> change) =>
        (change["entities"].L ?? []).Select(e => new ChangedEntity(e.M["t"].S, e.M["id"].S, e.M["k"].S, e.M["op"].S == "delete"));

    public static Dictionary<string, AttributeValue> Category(LedgerUser user, string id, string name, string group, bool hidden, DateTimeOffset now)
    {
        var item = user.Key(CategoryPrefix + id);
        item["entity"] = S("category");
        item["id"] = S(id);
        item["name"] = S(name);
        item["group"] = S(group);
        item["hidden"] = Bool(hidden);
        item["sensitive"] = Bool(false);
        item["createdAt"] = Time(now);
        item[UpdatedAt] = Time(now);
        item[Version] = N(1);
        return item;
    }

    /// <summary><c>IDEMP#&lt;key&gt;</c>: the stored answer of a create, for replays, deleted by TTL.</summary>
    public static Dictionary<string, AttributeValue> IdempotencyRecord(
        LedgerUser user, string key, string fingerprint, string location, string body, DateTimeOffset expiresAt)
    {
        var item = user.Key(IdempotencyPrefix + key);
        item["fingerprint"] = S(fingerprint);
        item["status"] = N(201);
        item["location"] = S(location);
        item["body"] = S(body);
        item[LedgerTable.ExpiresAt] = N(expiresAt.ToUnixTimeSeconds());
        return item;
    }

    public static string? OptionalS(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long GetN(Dictionary<string, AttributeValue> item, string name) =>
        long.Parse(item[name].N, CultureInfo.InvariantCulture);
}
