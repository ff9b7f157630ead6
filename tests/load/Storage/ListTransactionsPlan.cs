using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>GET /v1/transactions</c>: one query of a date index, newest first: GSI1 for one account, GSI2 for all of the
/// user's, between two dates, asking for one more than the page (eventually consistent, as index reads are). The
/// answer's <c>nextCursor</c> is the API's, so the client pages on the same way.
/// </summary>
internal sealed class ListTransactionsPlan(StorageSession session)
{
    public async Task<StorageAnswer> RunAsync(LedgerUser user, TransactionListRead call, CancellationToken ct)
    {
        var (index, partitionAttribute, sortAttribute, partition) = call.AccountId is { } accountId
            ? (LedgerTable.Gsi1, LedgerTable.Gsi1PartitionKey, LedgerTable.Gsi1SortKey, $"{user.Partition}#ACCOUNT#{accountId}")
            : (LedgerTable.Gsi2, LedgerTable.Gsi2PartitionKey, LedgerTable.Gsi2SortKey, $"{user.Partition}#TXN");
        var request = new QueryRequest
        {
            TableName = user.LedgerTable,
            IndexName = index,
            KeyConditionExpression = "#ipk = :ipk AND #isk BETWEEN :lo AND :hi",
            ExpressionAttributeNames = new() { ["#ipk"] = partitionAttribute, ["#isk"] = sortAttribute },
            ExpressionAttributeValues = new()
            {
                [":ipk"] = new AttributeValue(partition),
                [":lo"] = new AttributeValue(Day(call.From ?? DateOnly.MinValue)),
                [":hi"] = new AttributeValue(Day(call.To ?? DateOnly.MaxValue) + "#~"),
            },
            ScanIndexForward = false,
            Limit = call.Limit + 1,
        };
        if (call.After is { } after)
        {
            // The index's key and the table's: the date key is <date>#<id>, the item's sort key TXN#<id>.
            var key = user.Key(LedgerItems.TransactionPrefix + after[(after.IndexOf('#', StringComparison.Ordinal) + 1)..]);
            key[partitionAttribute] = new AttributeValue(partition);
            key[sortAttribute] = new AttributeValue(after);
            request.ExclusiveStartKey = key;
        }

        var found = new List<Dictionary<string, AttributeValue>>(call.Limit + 1);
        do
        {
            var response = await session.Dynamo.QueryAsync(request, ct);
            found.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (found.Count <= call.Limit && request.ExclusiveStartKey is { Count: > 0 });

        var next = found.Count > call.Limit ? ApiCursors.Encode(ApiCursors.TransactionsOf(call), found[call.Limit - 1][sortAttribute].S) : null;
        return StorageAnswer.Ok(CreatedAnswers.Remembered(("nextCursor", next)));
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
