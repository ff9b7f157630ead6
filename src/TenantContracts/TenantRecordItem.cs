using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts;

/// <summary>Maps <see cref="TenantRecord"/> to and from its DynamoDB item in the registry table.</summary>
public static class TenantRecordItem
{
    private const string Status = "status";
    private const string DisplayName = "displayName";
    private const string LedgerTable = "ledgerTable";
    private const string AuditTable = "auditTable";
    private const string SigningKeys = "signingKeys";
    private const string RequestsPerMinute = "planRequestsPerMinute";
    private const string Burst = "planBurst";
    private const string CreatedAt = "createdAt";
    private const string UpdatedAt = "updatedAt";
    public const string Version = "version";

    public static Dictionary<string, AttributeValue> Key(string tenantId) =>
        new() { [RegistryTable.PartitionKey] = new AttributeValue(tenantId) };

    public static Dictionary<string, AttributeValue> ToItem(TenantRecord record) => new()
    {
        [RegistryTable.PartitionKey] = new AttributeValue(record.TenantId),
        [Status] = new AttributeValue(record.Status.ToString()),
        [DisplayName] = new AttributeValue(record.DisplayName),
        [LedgerTable] = new AttributeValue(record.LedgerTable),
        [AuditTable] = new AttributeValue(record.AuditTable),
        [SigningKeys] = new AttributeValue(record.SigningKeys),
        [RequestsPerMinute] = Number(record.Plan.RequestsPerMinute),
        [Burst] = Number(record.Plan.Burst),
        [CreatedAt] = new AttributeValue(record.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        [UpdatedAt] = new AttributeValue(record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
        [Version] = Number(record.Version),
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
        Version: long.Parse(item[Version].N, CultureInfo.InvariantCulture));

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static int ParseInt(AttributeValue value) => int.Parse(value.N, CultureInfo.InvariantCulture);
}
