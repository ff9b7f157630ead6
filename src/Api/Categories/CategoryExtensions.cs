namespace BudgetBuddy.Api.Categories;

internal static class CategoryExtensions
{
    public static IServiceCollection AddCategories(this IServiceCollection services) =>
        services.AddSingleton<CategoryStore>();
}
