using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// A transaction as its ledger item <c>TXN#&lt;id&gt;</c> holds it, with the index keys that list it by date per account
/// (GSI1) and per user (GSI2). Split lines are left out: the scenarios never make them, and a stored one stops the
/// run rather than be rewritten without them.
/// </summary>
/// <param name="Date"><c>yyyy-MM-dd</c>, as stored.</param>
/// <param name="Cleared"><c>uncleared</c>, <c>cleared</c> or <c>reconciled</c>.</param>
/// <param name="CreatedAt">As stored (ISO 8601, round-trip).</param>
internal sealed record TransactionFacts(
    string Id,
    string AccountId,
    string Date,
    long Amount,
    string Currency,
    string? Payee,
    string? CategoryId,
    string? Memo,
    string Cleared,
    string? ImportId,
    string? TransferAccountId,
    string? TransferTransactionId,
    bool Sensitive,
    string CreatedAt,
    string UpdatedAt,
    long Version)
{
    public string SortKey => LedgerItems.TransactionPrefix + Id;

    public ChangedEntity Change => new("transaction", Id, SortKey);

    /// <summary>Its own category and its split lines' (it has none): what a write conditions on and a reader checks.</summary>
    public IReadOnlyList<string> CategoryIds => CategoryId is null ? [] : [CategoryId];

    public Dictionary<string, AttributeValue> ToItem(LedgerUser user)
    {
        var item = user.Key(SortKey);
        item["entity"] = LedgerItems.S("transaction");
        item["id"] = LedgerItems.S(Id);
        item["accountId"] = LedgerItems.S(AccountId);
        item["date"] = LedgerItems.S(Date);
        item["amount"] = LedgerItems.N(Amount);
        item["currency"] = LedgerItems.S(Currency);
        item["cleared"] = LedgerItems.S(Cleared);
        Optional(item, "payee", Payee);
        Optional(item, "categoryId", CategoryId);
        Optional(item, "memo", Memo);
        Optional(item, "importId", ImportId);
        Optional(item, "transferAccountId", TransferAccountId);
        Optional(item, "transferTransactionId", TransferTransactionId);
        item["sensitive"] = LedgerItems.Bool(Sensitive);
        item["createdAt"] = LedgerItems.S(CreatedAt);
        item[LedgerItems.UpdatedAt] = LedgerItems.S(UpdatedAt);
        item[LedgerItems.Version] = LedgerItems.N(Version);
        var dateKey = $"{Date}#{Id}";
        item[LedgerTable.Gsi1PartitionKey] = LedgerItems.S($"{user.Partition}#ACCOUNT#{AccountId}");
        item[LedgerTable.Gsi1SortKey] = LedgerItems.S(dateKey);
        item[LedgerTable.Gsi2PartitionKey] = LedgerItems.S($"{user.Partition}#TXN");
        item[LedgerTable.Gsi2SortKey] = LedgerItems.S(dateKey);
        return item;
    }

    /// <exception cref="NotSupportedException">The item has split lines.</exception>
    public static TransactionFacts FromItem(Dictionary<string, AttributeValue> item)
    {
        if (item.ContainsKey("splits"))
        {
            throw new NotSupportedException($"Transaction {item["id"].S} has split lines, which the storage path does not model.");
        }
        return new TransactionFacts(
            item["id"].S,
            item["accountId"].S,
            item["date"].S,
            LedgerItems.GetN(item, "amount"),
            item["currency"].S,
            LedgerItems.OptionalS(item, "payee"),
            LedgerItems.OptionalS(item, "categoryId"),
            LedgerItems.OptionalS(item, "memo"),
            item["cleared"].S,
            LedgerItems.OptionalS(item, "importId"),
            LedgerItems.OptionalS(item, "transferAccountId"),
            LedgerItems.OptionalS(item, "transferTransactionId"),
            item.TryGetValue("sensitive", out var sensitive) && sensitive.BOOL == true,
            item["createdAt"].S,
            item[LedgerItems.UpdatedAt].S,
            LedgerItems.GetN(item, LedgerItems.Version));
    }

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = LedgerItems.S(value);
        }
    }
}
