using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts;

/// <summary>Maps <see cref="TenantRecord"/> to and from its DynamoDB item in the registry table.</summary>
public static class TenantRecordItem
{
    private const string Status = "status";
    private const string DisplayName = "displayName";
    private const string LedgerTable = "ledgerTable";
    private const string AuditTable = "auditTable";
    private const string KeysTable = "keysTable";
    private const string SigningKeys = "signingKeys";
    private const string RequestsPerMinute = "planRequestsPerMinute";
    private const string Burst = "planBurst";
    private const string TransactionsYears = "retentionTransactionsYears";
    private const string AuditYears = "retentionAuditYears";
    private const string ClosedAccountsYears = "retentionClosedAccountsYears";
    private const string CreatedAt = "createdAt";
    private const string UpdatedAt = "updatedAt";
    public const string Version = "version";
    public const string OwnerCluster = "ownerCluster";
    public const string OwnerNamespace = "ownerNamespace";
    public const string OwnerName = "ownerName";
    public const string OwnerUid = "ownerUid";

    /// <summary>Set while the owner is deleted but its tables were retained: the id is not served, and still owned.</summary>
    public const string Retained = "retained";

    /// <summary>The attributes that make an item a served tenant; a claim alone carries none of them.</summary>
    public static readonly string[] ServedAttributes = [Status, DisplayName, LedgerTable, AuditTable, KeysTable, SigningKeys, RequestsPerMinute, Burst, TransactionsYears, AuditYears, ClosedAccountsYears, CreatedAt, UpdatedAt, Version];

    public static Dictionary<string, AttributeValue> Key(string tenantId) =>
        new() { [RegistryTable.PartitionKey] = new AttributeValue(tenantId) };

    public static Dictionary<string, AttributeValue> ToItem(TenantRecord record)
    {
        var item = Fields(record);
        if (record.KeysTable is { } keys)
        {
            item[KeysTable] = new AttributeValue(keys);
        }
        return item;
    }

    private static Dictionary<string, AttributeValue> Fields(TenantRecord record) => new()
    {
        [RegistryTable.PartitionKey] = new AttributeValue(record.TenantId),
        [Status] = new AttributeValue(record.Status.ToString()),
        [DisplayName] = new AttributeValue(record.DisplayName),
        [LedgerTable] = new AttributeValue(record.LedgerTable),
        [AuditTable] = new AttributeValue(record.AuditTable),
        [SigningKeys] = new AttributeValue(record.SigningKeys),
        [RequestsPerMinute] = Number(record.Plan.RequestsPerMinute),
        [Burst] = Number(record.Plan.Burst),
        [TransactionsYears] = Number(record.Retention.TransactionsYears),
        [AuditYears] = Number(record.Retention.AuditYears),
        [ClosedAccountsYears] = Number(record.Retention.ClosedAccountsYears),
        [CreatedAt] = new AttributeValue(record.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        [UpdatedAt] = new AttributeValue(record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
        [Version] = Number(record.Version),
    };

    /// <summary>The tenant's served record, read strongly consistent; null when it is absent or only a claim.</summary>
    public static async Task<TenantRecord?> ReadAsync(IAmazonDynamoDB dynamo, string registryTable, string tenantId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = registryTable, Key = Key(tenantId), ConsistentRead = true }, ct);
        return response.IsItemSet ? TryFromItem(response.Item) : null;
    }

    /// <summary>The record, or null for an item that is only a claim (being provisioned, or retained after deletion).</summary>
    public static TenantRecord? TryFromItem(Dictionary<string, AttributeValue> item) =>
        item.ContainsKey(Status) && !item.ContainsKey(Retained) ? FromItem(item) : null;

    /// <summary>The recorded owner, or null for an item written before owners were recorded.</summary>
    public static TenantOwner? OwnerOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(OwnerUid, out var uid)
            ? new TenantOwner(Text(item, OwnerCluster), Text(item, OwnerNamespace), Text(item, OwnerName), uid.S)
            : null;

    public static Dictionary<string, AttributeValue> OwnerAttributes(TenantOwner owner) => new()
    {
        [OwnerCluster] = new AttributeValue(owner.Cluster),
        // DynamoDB refuses empty strings in key attributes only, but a local owner's namespace reads better as "-".
        [OwnerNamespace] = new AttributeValue(owner.Namespace.Length == 0 ? "-" : owner.Namespace),
        [OwnerName] = new AttributeValue(owner.Name),
        [OwnerUid] = new AttributeValue(owner.Uid),
    };

    public static TenantRecord FromItem(Dictionary<string, AttributeValue> item) => new(
        TenantId: item[RegistryTable.PartitionKey].S,
        Status: Enum.Parse<TenantStatus>(item[Status].S),
        DisplayName: item[DisplayName].S,
        LedgerTable: item[LedgerTable].S,
        AuditTable: item[AuditTable].S,
        SigningKeys: item[SigningKeys].S,
        Plan: new TenantPlan(ParseInt(item[RequestsPerMinute]), ParseInt(item[Burst])),
        CreatedAt: DateTimeOffset.Parse(item[CreatedAt].S, CultureInfo.InvariantCulture),
        UpdatedAt: DateTimeOffset.Parse(item[UpdatedAt].S, CultureInfo.InvariantCulture),
        Version: long.Parse(item[Version].N, CultureInfo.InvariantCulture))
    {
        Retention = RetentionOf(item),
        KeysTable = item.TryGetValue(KeysTable, out var keys) ? keys.S : null,
    };

    // An item written before retention was published holds none of it: the tenant has the default policy.
    private static RetentionPolicy RetentionOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(TransactionsYears, out var transactions)
        && item.TryGetValue(AuditYears, out var audit)
        && item.TryGetValue(ClosedAccountsYears, out var closedAccounts)
            ? new RetentionPolicy(ParseInt(transactions), ParseInt(audit), ParseInt(closedAccounts))
            : RetentionPolicy.Default;

    private static string Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } s && s != "-" ? s : "";

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static int ParseInt(AttributeValue value) => int.Parse(value.N, CultureInfo.InvariantCulture);
}
