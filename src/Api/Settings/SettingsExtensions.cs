namespace BudgetBuddy.Api.Settings;

internal static class SettingsExtensions
{
    public static IServiceCollection AddUserSettings(this IServiceCollection services) =>
        services.AddSingleton<SettingsStore>();
}
