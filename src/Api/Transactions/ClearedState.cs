using System.Text.Json.Serialization;
using BudgetBuddy.Api.Json;

namespace BudgetBuddy.Api.Transactions;

/// <summary>How far a transaction is confirmed by the bank; reconciled ones are locked against amount and account edits.</summary>
[JsonConverter(typeof(NamedEnumConverter<ClearedState>))]
public enum ClearedState
{
    [JsonStringEnumMemberName("uncleared")]
    Uncleared,

    [JsonStringEnumMemberName("cleared")]
    Cleared,

    [JsonStringEnumMemberName("reconciled")]
    Reconciled,
}
