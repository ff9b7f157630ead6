using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Accounts;

/// <summary>Maps an <see cref="Account"/> to its ledger item <c>(USER#&lt;user&gt;, ACCOUNT#&lt;id&gt;)</c> and back.</summary>
internal static class AccountItem
{
    public const string SortKeyPrefix = "ACCOUNT#";
    public const string Balance = "balance";
    public const string OpeningBalance = "openingBalance";

    /// <summary>When the account was closed; set only while it is, with the expiry its retention counts from.</summary>
    public const string ClosedAt = "closedAt";

    public static string SortKey(string id) => SortKeyPrefix + id;

    public static Dictionary<string, AttributeValue> ToItem(string userId, Account account)
    {
        var item = LedgerKeys.Key(userId, SortKey(account.Id));
        item["entity"] = AttributeValues.S("account");
        item["id"] = AttributeValues.S(account.Id);
        item["name"] = AttributeValues.S(account.Name);
        item["type"] = AttributeValues.S(TypeName(account.Type));
        item["currency"] = AttributeValues.S(account.Currency);
        item[OpeningBalance] = AttributeValues.N(account.OpeningBalance);
        item[Balance] = AttributeValues.N(account.Balance);
        item["closed"] = AttributeValues.Bool(account.Closed);
        item["createdAt"] = AttributeValues.Time(account.CreatedAt);
        item[VersionedItems.UpdatedAt] = AttributeValues.Time(account.UpdatedAt);
        item[VersionedItems.Version] = AttributeValues.N(account.Version);
        return item;
    }

    public static Account FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetS("id"),
        item.GetS("name"),
        ParseType(item.GetS("type")),
        item.GetS("currency"),
        item.GetN(OpeningBalance),
        item.GetN(Balance),
        item.GetBool("closed"),
        item.GetTime("createdAt"),
        item.GetTime(VersionedItems.UpdatedAt),
        item.GetN(VersionedItems.Version));

    public static string TypeName(AccountType type) => type switch
    {
        AccountType.Checking => "checking",
        AccountType.Savings => "savings",
        AccountType.CreditCard => "credit_card",
        AccountType.Cash => "cash",
        AccountType.Loan => "loan",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static AccountType ParseType(string name) => name switch
    {
        "checking" => AccountType.Checking,
        "savings" => AccountType.Savings,
        "credit_card" => AccountType.CreditCard,
        "cash" => AccountType.Cash,
        "loan" => AccountType.Loan,
        _ => throw new InvalidDataException($"Unknown account type '{name}' in storage."),
    };
}
