using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Conditions a write of unsealed transactions on the categories they name being, at commit, what the writer read:
/// there and not sensitive. A category marked sensitive (or deleted) between the read and the commit fails the
/// transaction instead of leaving a memo in clear under a sensitive category; the writer prepares again and seals.
/// Atomic, and cheaper than reading the categories again after every write.
/// </summary>
internal static class CategoryGuards
{
    /// <summary>The name of a guard's condition check.</summary>
    public const string GuardWrite = "category guard";

    public static IEnumerable<LedgerWrite> StillNotSensitive(Caller caller, IEnumerable<Transaction> transactions) =>
        transactions.Where(t => !t.Sensitive)
            .SelectMany(TransactionCategories.Of)
            .Distinct(StringComparer.Ordinal)
            .Select(categoryId => new LedgerWrite(GuardWrite, new TransactWriteItem
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = caller.Tenant.LedgerTable,
                    Key = LedgerKeys.Key(caller.UserId, CategoryItem.SortKey(categoryId)),
                    ConditionExpression = "attribute_exists(#pk) AND (attribute_not_exists(#s) OR #s = :false)",
                    ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#s"] = CategoryItem.Sensitive },
                    ExpressionAttributeValues = new() { [":false"] = AttributeValues.Bool(false) },
                },
            }));

    /// <summary>Whether <paramref name="conflict"/> is one of these guards failing (a category changed meanwhile).</summary>
    public static bool Failed(LedgerWriteConflict conflict) => conflict.FailedWrite == GuardWrite;
}
