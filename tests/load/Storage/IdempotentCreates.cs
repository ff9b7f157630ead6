using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// A POST with an <c>Idempotency-Key</c> (every POST of the scenarios has a fresh one), as the API makes it: no read
/// of a stored answer first, and at commit the answer's put in the same transaction as the resource, allowed only where
/// no live answer is stored. (The API reads the stored answer only after a refusal or a failed commit, which a fresh
/// key never meets.)
/// </summary>
internal sealed class IdempotentCreates(StorageSession session)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A key as the load generator makes them for the HTTP path: 32 hex digits.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <param name="answer">The created resource's JSON, as stored for replays.</param>
    public TransactWriteItem RecordWrite(LedgerUser user, string key, string location, string answer)
    {
        var now = session.Time.GetUtcNow();
        // A SHA-256 of the request in hex: what the API stores; its value matters to no one here.
        var fingerprint = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = user.LedgerTable,
                Item = LedgerItems.IdempotencyRecord(user, key, fingerprint, location, answer, now + Retention),
                ConditionExpression = "attribute_not_exists(#pk) OR #exp < :now",
                ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#exp"] = LedgerTable.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = LedgerItems.N(now.ToUnixTimeSeconds()) },
            },
        };
    }
}
