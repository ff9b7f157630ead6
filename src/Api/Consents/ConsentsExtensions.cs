namespace BudgetBuddy.Api.Consents;

internal static class ConsentsExtensions
{
    public static IServiceCollection AddConsents(this IServiceCollection services) => services.AddSingleton<ConsentStore>();
}
