using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.TenantContracts.Compliance;

namespace BudgetBuddy.Api.Compliance;

internal static class ComplianceExtensions
{
    public static IServiceCollection AddComplianceReport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ComplianceOptions>(configuration.GetSection(ComplianceOptions.Section));
        services.AddSingleton(sp => new ComplianceChecker(
            sp.GetRequiredService<IAmazonDynamoDB>(),
            sp.GetRequiredService<AuditChainVerifier>(),
            sp.GetRequiredService<TimeProvider>(),
            emulated: !string.IsNullOrWhiteSpace(sp.GetRequiredService<DynamoDbSettings>().ServiceUrl)));
        return services;
    }
}
