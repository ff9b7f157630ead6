namespace BudgetBuddy.Api.Alerts;

/// <summary>
/// When the user wants to hear about their money: events <c>account.balance_below</c>, <c>transaction.large</c> and
/// <c>budget.category_overspent</c> are recorded only for what is set here. Nothing is set until the user sets it.
/// </summary>
/// <param name="LowBalance">Per account: an event when its balance falls below the threshold (minor units of the account's currency).</param>
/// <param name="LargeTransaction">An event for each new transaction whose amount, either way, is at least this (minor units of its account's currency); null for none.</param>
/// <param name="Overspend">An event when a category's available money for a month goes below zero.</param>
public sealed record AlertSettings(IReadOnlyList<LowBalanceAlert> LowBalance, long? LargeTransaction, bool Overspend)
{
    public static readonly AlertSettings None = new([], null, false);

    /// <summary>Whether any alert is set.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Any => LowBalance.Count > 0 || LargeTransaction is not null || Overspend;
}

/// <param name="Below">The balance, in minor units of the account's currency, under which the event is recorded.</param>
public sealed record LowBalanceAlert(string AccountId, long Below);
