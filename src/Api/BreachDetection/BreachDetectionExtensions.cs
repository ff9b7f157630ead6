namespace BudgetBuddy.Api.BreachDetection;

internal static class BreachDetectionExtensions
{
    public static IServiceCollection AddBreachDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BreachDetectionOptions>()
            .Bind(configuration.GetSection(BreachDetectionOptions.Section))
            .Validate(o => o.Window > TimeSpan.Zero && o.NotFoundPerWindow > 0 && o.DisclosuresPerWindow > 0 && o.ExportsPerWindow > 0,
                "BreachDetection: Window and every per-window count must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SecuritySignals>();
        return services;
    }

    /// <summary>After authorization, where the caller is known; it sees the status the handler answered.</summary>
    public static IApplicationBuilder UseBreachDetection(this IApplicationBuilder app) => app.UseMiddleware<NotFoundProbing>();
}
