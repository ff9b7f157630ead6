using BudgetBuddy.Api.Imports.Jobs;

namespace BudgetBuddy.Api.Imports;

internal static class ImportsExtensions
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>()
            .Bind(configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.MaxLinesInRequest >= 0 && o.JobLease >= TimeSpan.FromSeconds(1),
                "Imports: MaxLinesInRequest must not be negative, JobLease at least 1 second.")
            .ValidateOnStart();
        services.AddSingleton<StatementImporter>();
        services.AddSingleton<ImportJobStore>();
        services.AddSingleton<ImportJobRunner>();
        services.AddSingleton<ImportJobs>();
        // Stopped with the host: running jobs give their leases back so another pod resumes them at once.
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobRunner>());
        return services;
    }
}
