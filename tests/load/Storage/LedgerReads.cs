using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// Reads of one user's items, made as the API makes them: strongly consistent gets, batch gets of up to 100 keys that
/// ask again for unprocessed ones, and pages of a sort-key prefix that ask for one item more than the page (so the
/// last page is known to be last) and follow <c>LastEvaluatedKey</c> until they have it.
/// </summary>
internal sealed class LedgerReads(IAmazonDynamoDB dynamo)
{
    public async Task<Dictionary<string, AttributeValue>?> GetAsync(LedgerUser user, string sortKey, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = user.LedgerTable, Key = user.Key(sortKey), ConsistentRead = true }, ct);
        return response.IsItemSet ? response.Item : null;
    }

    /// <summary>The user's items with these sort keys that exist, by sort key; no call at all for no keys.</summary>
    public async Task<Dictionary<string, Dictionary<string, AttributeValue>>> BatchGetAsync(LedgerUser user, IEnumerable<string> sortKeys, CancellationToken ct)
    {
        var found = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (var chunk in sortKeys.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var pending = new KeysAndAttributes { Keys = [.. chunk.Select(user.Key)], ConsistentRead = true };
            while (pending is { Keys.Count: > 0 })
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [user.LedgerTable] = pending } }, ct);
                foreach (var item in response.Responses?.GetValueOrDefault(user.LedgerTable) ?? [])
                {
                    found[item[LedgerTable.SortKey].S] = item;
                }
                pending = response.UnprocessedKeys?.GetValueOrDefault(user.LedgerTable);
            }
        }
        return found;
    }

    /// <summary>A page of the items under <paramref name="prefix"/>, and the sort key to continue after when there are more.</summary>
    public async Task<(List<Dictionary<string, AttributeValue>> Items, string? ContinueAfter)> QueryPageAsync(
        LedgerUser user, string prefix, int limit, string? after, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = user.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(user.Partition), [":prefix"] = new AttributeValue(prefix) },
            Limit = limit + 1,
            ConsistentRead = true,
        };
        if (after is not null)
        {
            request.ExclusiveStartKey = user.Key(after);
        }
        var items = new List<Dictionary<string, AttributeValue>>(limit + 1);
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (items.Count <= limit && request.ExclusiveStartKey is { Count: > 0 });
        return items.Count <= limit ? (items, null) : (items.GetRange(0, limit), items[limit - 1][LedgerTable.SortKey].S);
    }

    /// <summary>
    /// A budget month's or a report's inputs, as the API reads them: the profile (a home currency the user set) and, at
    /// the same time, one key range. In the user's partition <c>ACCOUNT#</c> &lt; <c>BUDGET#</c> &lt; <c>CARD#</c> &lt;
    /// <c>CATEGORY#</c> are neighbours, so one strongly consistent query from the first account to the last category
    /// holds the accounts (the first one's currency otherwise), every bucket and the categories.
    /// </summary>
    public async Task BudgetInputsAsync(LedgerUser user, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            TableName = user.LedgerTable,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue(user.Partition),
                [":lo"] = new AttributeValue(LedgerItems.AccountPrefix),
                [":hi"] = new AttributeValue(LedgerItems.CategoryPrefix + "~"),
            },
            ConsistentRead = true,
        };
        await Task.WhenAll(GetAsync(user, LedgerItems.Profile, ct), RangeAsync());

        async Task RangeAsync()
        {
            do
            {
                var response = await dynamo.QueryAsync(request, ct);
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (request.ExclusiveStartKey is { Count: > 0 });
        }
    }

    /// <summary>
    /// The user's home currency: the profile's when set, else the first account's (ids are time-ordered, so that is
    /// the first opened); null without accounts.
    /// </summary>
    public async Task<string?> HomeCurrencyAsync(LedgerUser user, CancellationToken ct)
    {
        if (await GetAsync(user, LedgerItems.Profile, ct) is { } profile && profile.TryGetValue("homeCurrency", out var currency))
        {
            return currency.S;
        }
        var (first, _) = await QueryPageAsync(user, LedgerItems.AccountPrefix, 1, null, ct);
        return first is [var account, ..] ? account["currency"].S : null;
    }
}
