namespace BudgetBuddy.Api.Settings;

/// <summary>
/// The user's preferences. <see cref="HomeCurrency"/> is the currency budgets and reports are kept in; until set it
/// is the currency of the user's first account (null while there is none).
/// </summary>
public sealed record UserSettings(string? HomeCurrency);
