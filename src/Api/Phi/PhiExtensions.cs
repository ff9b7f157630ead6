namespace BudgetBuddy.Api.Phi;

/// <summary>Wiring of sensitive data (PHI): sealing and revealing transactions, recording disclosures, sealing a category's past.</summary>
internal static class PhiExtensions
{
    public static IServiceCollection AddSensitiveData(this IServiceCollection services)
    {
        services.AddSingleton<SensitiveFields>();
        services.AddSingleton<DisclosureAudit>();
        services.AddSingleton<CategorySealer>();
        return services;
    }
}
