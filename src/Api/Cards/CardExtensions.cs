namespace BudgetBuddy.Api.Cards;

internal static class CardExtensions
{
    public static IServiceCollection AddCards(this IServiceCollection services) =>
        services.AddSingleton<CardStore>();
}
