namespace BudgetBuddy.Api.Exports;

internal static class ExportExtensions
{
    public static IServiceCollection AddExports(this IServiceCollection services) =>
        services.AddSingleton<UserDataPages>();
}
