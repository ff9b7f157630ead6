namespace BudgetBuddy.Api.Sensitive;

/// <summary>Wiring of sensitive data (PHI): sealing and revealing transactions, recording disclosures, sealing a category's past.</summary>
internal static class SensitiveDataExtensions
{
    public static IServiceCollection AddSensitiveData(this IServiceCollection services)
    {
        services.AddSingleton<SensitiveFields>();
        services.AddSingleton<DisclosureAudit>();
        services.AddSingleton<CategorySealer>();
        return services;
    }
}
