namespace BudgetBuddy.Api.Changes;

internal static class ChangeExtensions
{
    public static IServiceCollection AddChangeFeed(this IServiceCollection services) =>
        services.AddSingleton<ChangeFeed>();
}
