using System.Text.Json.Serialization;
using BudgetBuddy.Api.Json;

namespace BudgetBuddy.Api.Accounts;

/// <summary>What kind of account; wire and storage names are snake_case.</summary>
[JsonConverter(typeof(NamedEnumConverter<AccountType>))]
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
