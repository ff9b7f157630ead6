using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.TenantContracts.Compliance;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Compliance;

internal static class ComplianceExtensions
{
    public static IServiceCollection AddComplianceReport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ComplianceOptions>()
            .Bind(configuration.GetSection(ComplianceOptions.Section))
            .Validate(o => o.MaxDataKeyAgeDays > 0 && o.PanScanSampleSize > 0, "Compliance: MaxDataKeyAgeDays and PanScanSampleSize must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ComplianceChecker(
            sp.GetRequiredService<IAmazonDynamoDB>(),
            sp.GetRequiredService<AuditChainVerifier>(),
            sp.GetRequiredService<TimeProvider>(),
            emulated: !string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value.ServiceUrl)));
        return services;
    }
}
