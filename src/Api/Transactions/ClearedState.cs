using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Transactions;

/// <summary>How far a transaction is confirmed by the bank; reconciled ones are locked against amount and account edits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClearedState>))]
public enum ClearedState
{
    [JsonStringEnumMemberName("uncleared")]
    Uncleared,

    [JsonStringEnumMemberName("cleared")]
    Cleared,

    [JsonStringEnumMemberName("reconciled")]
    Reconciled,
}
