using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using LedgerSchema = BudgetBuddy.TenantContracts.LedgerTable;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The user a request acts as, as the API sees it after authentication: the tenant's two tables and the user's own
/// partition of the ledger (<c>PK = USER#&lt;id&gt;</c>), where every item of the user lives.
/// </summary>
internal sealed record LedgerUser(string Tenant, string Id, string LedgerTable, string AuditTable)
{
    /// <summary>The scopes the seed's tokens carry, as the audit records name them.</summary>
    public const string Scopes = $"{BudgetBuddy.TenantContracts.Scopes.BudgetRead} {BudgetBuddy.TenantContracts.Scopes.BudgetWrite}";

    public string Partition { get; } = $"USER#{Id}";

    public static LedgerUser Of(TenantTables tables, string tenant, string userId) =>
        new(tenant, userId, tables.Ledger(tenant), tables.Audit(tenant));

    public Dictionary<string, AttributeValue> Key(string sortKey) => new()
    {
        [LedgerSchema.PartitionKey] = new AttributeValue(Partition),
        [LedgerSchema.SortKey] = new AttributeValue(sortKey),
    };
}
