namespace BudgetBuddy.Api.Accounts;

internal static class AccountExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) =>
        services.AddSingleton<AccountStore>();
}
