using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Api.Audit;

/// <summary>What every <see cref="ICommitAudit"/> writes: the record of a commit, as a put into the caller's audit table.</summary>
internal static class CommitRecord
{
    /// <summary>The entities a commit changed, as its record names them (<c>type/id</c>).</summary>
    public static IReadOnlyList<string> Resources(IReadOnlyList<ChangedEntity> changes) => [.. changes.Select(c => $"{c.Type}/{c.Id}")];

    public static TransactWriteItem Put(Caller caller, AuditRecord record) => new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.AuditTable,
            Item = AuditItems.Pending(record, caller.Tenant.Retention),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = AuditTable.PartitionKey },
        },
    };
}
