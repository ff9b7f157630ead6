using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// <c>IMPORT#&lt;account&gt;#&lt;importId&gt;</c>: claims an import id for one account, so the same bank line can never
/// become two transactions, and says which transaction holds it.
/// </summary>
internal static class ImportMarker
{
    /// <summary>The name of the write that claims (or releases) an import id.</summary>
    public const string ClaimWrite = "import claim";

    public static string SortKey(string accountId, string importId) => $"IMPORT#{accountId}#{importId}";

    public static LedgerWrite Claim(string table, string userId, Transaction transaction) => new(ClaimWrite, new()
    {
        Put = new Put
        {
            TableName = table,
            Item = new Dictionary<string, AttributeValue>(LedgerKeys.Key(userId, SortKey(transaction.AccountId, transaction.ImportId!)))
            {
                ["transactionId"] = AttributeValues.S(transaction.Id),
            },
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        },
    });

    public static LedgerWrite Release(string table, string userId, Transaction transaction) => new(ClaimWrite, new()
    {
        Delete = new Delete { TableName = table, Key = LedgerKeys.Key(userId, SortKey(transaction.AccountId, transaction.ImportId!)) },
    });

    public static string? HolderOf(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue("transactionId", out var id) ? id.S : null;
}
