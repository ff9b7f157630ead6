using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Accounts;

/// <summary>What kind of account; wire and storage names are snake_case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccountType>))]
public enum AccountType
{
    [JsonStringEnumMemberName("checking")]
    Checking,

    [JsonStringEnumMemberName("savings")]
    Savings,

    [JsonStringEnumMemberName("credit_card")]
    CreditCard,

    [JsonStringEnumMemberName("cash")]
    Cash,

    [JsonStringEnumMemberName("loan")]
    Loan,
}
