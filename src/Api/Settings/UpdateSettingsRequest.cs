namespace BudgetBuddy.Api.Settings;

/// <summary>Body of <c>PATCH /v1/settings</c>.</summary>
public sealed record UpdateSettingsRequest(string? HomeCurrency);
