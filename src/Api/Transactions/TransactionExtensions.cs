namespace BudgetBuddy.Api.Transactions;

internal static class TransactionExtensions
{
    public static IServiceCollection AddTransactions(this IServiceCollection services) => services
        .AddSingleton<TransactionReferences>()
        .AddSingleton<TransactionCreatePlanner>()
        .AddSingleton<TransactionEditPlanner>()
        .AddSingleton<TransactionEditor>()
        .AddSingleton<TransactionQueries>();
}
