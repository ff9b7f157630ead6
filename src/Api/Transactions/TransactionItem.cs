using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Maps a <see cref="Transaction"/> to its ledger item <c>TXN#&lt;id&gt;</c>, with the index keys that list it by
/// date per account (GSI1) and per user (GSI2), and back. The mapping is literal: a sensitive transaction arrives
/// here sealed (payee and memos already ciphertext, see <c>Sensitive.SensitiveFields</c>) and leaves sealed; the
/// <see cref="Sensitive"/> flag, never the shape of a string, says which it is.
/// </summary>
internal static class TransactionItem
{
    public const string SortKeyPrefix = "TXN#";
    public const string SplitCategories = "splitCategories";

    /// <summary>BOOL: payee and memos are ciphertext. Absent on items written before sensitivity existed (false).</summary>
    public const string Sensitive = "sensitive";

    public static string SortKey(string id) => SortKeyPrefix + id;

    public static string AccountIndexKey(string userId, string accountId) => $"USER#{userId}#ACCOUNT#{accountId}";

    public static string UserIndexKey(string userId) => $"USER#{userId}#TXN";

    public static string DateKey(DateOnly date, string id) => $"{Date(date)}#{id}";

    /// <summary>
    /// The item, stamped to expire <see cref="RetentionPolicy.TransactionsYears"/> after the transaction's date (an edit
    /// of the date moves the stamp; one already past it expires at once). DynamoDB deleting it later changes no figure: balances, budget activity and the
    /// reports built on them are sums kept on the account and budget-month items by ADD when the money moved, never
    /// recomputed from transactions. Only the transaction itself is gone from lists and exports; the account's
    /// transaction count keeps it, so an account with expired transactions can be closed (and expire) but not deleted.
    /// </summary>
    public static Dictionary<string, AttributeValue> ToItem(string userId, Transaction t, RetentionPolicy retention)
    {
        var item = LedgerKeys.Key(userId, SortKey(t.Id));
        item["entity"] = AttributeValues.S("transaction");
        item["id"] = AttributeValues.S(t.Id);
        item["accountId"] = AttributeValues.S(t.AccountId);
        item["date"] = AttributeValues.S(Date(t.Date));
        item["amount"] = AttributeValues.N(t.Amount);
        item["currency"] = AttributeValues.S(t.Currency);
        item["cleared"] = AttributeValues.S(ClearedName(t.Cleared));
        Optional(item, "payee", t.Payee);
        Optional(item, "categoryId", t.CategoryId);
        Optional(item, "memo", t.Memo);
        Optional(item, "importId", t.ImportId);
        Optional(item, "transferAccountId", t.TransferAccountId);
        Optional(item, "transferTransactionId", t.TransferTransactionId);
        item[Sensitive] = AttributeValues.Bool(t.Sensitive);
        if (t.Splits is { Count: > 0 } splits)
        {
            item["splits"] = new AttributeValue { L = splits.Select(SplitValue).ToList() };
            var categories = splits.Select(s => s.CategoryId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (categories.Count > 0)
            {
                item[SplitCategories] = new AttributeValue { SS = categories };
            }
        }
        item["createdAt"] = AttributeValues.Time(t.CreatedAt);
        item[VersionedItems.UpdatedAt] = AttributeValues.Time(t.UpdatedAt);
        item[VersionedItems.Version] = AttributeValues.N(t.Version);
        item[LedgerTable.Gsi1PartitionKey] = AttributeValues.S(AccountIndexKey(userId, t.AccountId));
        item[LedgerTable.Gsi1SortKey] = AttributeValues.S(DateKey(t.Date, t.Id));
        item[LedgerTable.Gsi2PartitionKey] = AttributeValues.S(UserIndexKey(userId));
        item[LedgerTable.Gsi2SortKey] = AttributeValues.S(DateKey(t.Date, t.Id));
        item[LedgerTable.ExpiresAt] = AttributeValues.N(retention.TransactionExpiresAt(t.Date, t.UpdatedAt));
        return item;
    }

    public static Transaction FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("id"),
        item.GetS("accountId"),
        DateOnly.ParseExact(item.GetS("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        item.GetN("amount"),
        item.GetS("currency"),
        OptionalOf(item, "payee"),
        OptionalOf(item, "categoryId"),
        OptionalOf(item, "memo"),
        ParseCleared(item.GetS("cleared")),
        OptionalOf(item, "importId"),
        item.TryGetValue("splits", out var splits) ? (splits.L ?? []).Select(SplitOf).ToList() : null,
        OptionalOf(item, "transferAccountId"),
        OptionalOf(item, "transferTransactionId"),
        item.GetBool(Sensitive),
        item.GetTime("createdAt"),
        item.GetTime(VersionedItems.UpdatedAt),
        item.GetN(VersionedItems.Version));

    public static string ClearedName(ClearedState state) => state switch
    {
        ClearedState.Uncleared => "uncleared",
        ClearedState.Cleared => "cleared",
        ClearedState.Reconciled => "reconciled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static ClearedState ParseCleared(string name) => name switch
    {
        "uncleared" => ClearedState.Uncleared,
        "cleared" => ClearedState.Cleared,
        "reconciled" => ClearedState.Reconciled,
        _ => throw new InvalidDataException($"Unknown cleared state '{name}' in storage."),
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static AttributeValue SplitValue(SplitLine line)
    {
        var map = new Dictionary<string, AttributeValue> { ["amount"] = AttributeValues.N(line.Amount) };
        Optional(map, "categoryId", line.CategoryId);
        Optional(map, "memo", line.Memo);
        return new AttributeValue { M = map };
    }

    private static SplitLine SplitOf(AttributeValue value) =>
        new(OptionalOf(value.M, "categoryId"), value.M.GetN("amount"), OptionalOf(value.M, "memo"));

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = AttributeValues.S(value);
        }
    }

    private static string? OptionalOf(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;
}
