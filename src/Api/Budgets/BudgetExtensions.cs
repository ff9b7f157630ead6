namespace BudgetBuddy.Api.Budgets;

internal static class BudgetExtensions
{
    public static IServiceCollection AddBudgets(this IServiceCollection services) => services
        .AddSingleton<BudgetBuckets>()
        .AddSingleton<BudgetInputsReader>();
}
