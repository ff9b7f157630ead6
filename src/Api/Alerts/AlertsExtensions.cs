namespace BudgetBuddy.Api.Alerts;

internal static class AlertsExtensions
{
    public static IServiceCollection AddAlerts(this IServiceCollection services) =>
        services.AddSingleton<AlertSettingsStore>();
}
