using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Reads transactions as stored (sealed ones sealed): one by id, or lists newest first, by date: one account through
/// GSI1, all of a user's through GSI2, each a Query on a key range. A category filter (including split lines) narrows
/// the query's result.
/// </summary>
internal sealed class TransactionQueries(IAmazonDynamoDB dynamo, UserItems items)
{
    private const string Collection = "transactions";
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>
    /// What a cursor of this list is issued for: the list and its filters. Each filter picks its own index partition
    /// and key range, so a cursor carried over to other filters would start outside the range and fail the query.
    /// </summary>
    public static string CursorScope(TransactionFilter filter) =>
        $"{Collection};{filter.AccountId};{filter.CategoryId};{filter.From?.ToString(DayFormat, CultureInfo.InvariantCulture)};{filter.To?.ToString(DayFormat, CultureInfo.InvariantCulture)}";

    /// <summary>Whether <paramref name="key"/> is an index key <c>yyyy-MM-dd#&lt;id&gt;</c> inside the filter's dates.</summary>
    public static bool IsCursorKey(TransactionFilter filter, string key) =>
        key.Length == DayFormat.Length + 1 + 32
        && key[DayFormat.Length] == '#'
        && DateOnly.TryParseExact(key.AsSpan(0, DayFormat.Length), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && ResourceId.IsWellFormed(key[(DayFormat.Length + 1)..])
        && day >= (filter.From ?? DateOnly.MinValue)
        && day <= (filter.To ?? DateOnly.MaxValue);

    public async Task<Transaction?> GetAsync(Caller caller, string id, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, TransactionItem.SortKey(id), ct);
        return item is null ? null : TransactionItem.FromItem(item);
    }

    public async Task<ListResponse<Transaction>> ListAsync(Caller caller, TransactionFilter filter, PageRequest page, CancellationToken ct)
    {
        var (index, partitionAttribute, sortAttribute, partition) = filter.AccountId is { } accountId
            ? (LedgerTable.Gsi1, LedgerTable.Gsi1PartitionKey, LedgerTable.Gsi1SortKey, TransactionItem.AccountIndexKey(caller.UserId, accountId))
            : (LedgerTable.Gsi2, LedgerTable.Gsi2PartitionKey, LedgerTable.Gsi2SortKey, TransactionItem.UserIndexKey(caller.UserId));
        var request = new QueryRequest
        {
            TableName = caller.Tenant.LedgerTable,
            IndexName = index,
            KeyConditionExpression = "#ipk = :ipk AND #isk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#ipk"] = partitionAttribute, ["#isk"] = sortAttribute },
            ExpressionAttributeValues = new()
            {
                [":ipk"] = new AttributeValue(partition),
                [":lo"] = new AttributeValue(Day(filter.From ?? DateOnly.MinValue)),
                [":hi"] = new AttributeValue(Day(filter.To ?? DateOnly.MaxValue) + "#~"),
            },
            ScanIndexForward = false,
            Limit = page.Limit + 1,
        };
        if (filter.CategoryId is { } categoryId)
        {
            request.FilterExpression = "#cat = :cat OR contains(#split, :cat)";
            request.ExpressionAttributeNames["#cat"] = "categoryId";
            request.ExpressionAttributeNames["#split"] = TransactionItem.SplitCategories;
            request.ExpressionAttributeValues[":cat"] = new AttributeValue(categoryId);
        }
        if (page.After is { } after)
        {
            request.ExclusiveStartKey = StartAfter(caller.UserId, partitionAttribute, partition, sortAttribute, after);
        }

        var found = new List<Dictionary<string, AttributeValue>>(page.Limit + 1);
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            found.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (found.Count <= page.Limit && request.ExclusiveStartKey is { Count: > 0 });

        var items = found.Take(page.Limit).Select(TransactionItem.FromItem).ToList();
        var next = found.Count > page.Limit ? PageCursor.Encode(CursorScope(filter), found[page.Limit - 1][sortAttribute].S) : null;
        return new ListResponse<Transaction>(items, next);
    }

    private static Dictionary<string, AttributeValue> StartAfter(string userId, string partitionAttribute, string partition, string sortAttribute, string dateKey)
    {
        var key = LedgerKeys.Key(userId, TransactionItem.SortKeyPrefix + dateKey[(dateKey.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        key[partitionAttribute] = new AttributeValue(partition);
        key[sortAttribute] = new AttributeValue(dateKey);
        return key;
    }

    private static string Day(DateOnly date) => date.ToString(DayFormat, CultureInfo.InvariantCulture);
}
