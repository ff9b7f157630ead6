namespace BudgetBuddy.Api.LoadShedding;

internal static class LoadSheddingExtensions
{
    public static IServiceCollection AddLoadShedding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LoadSheddingOptions>()
            .Bind(configuration.GetSection(LoadSheddingOptions.Section))
            .Validate(o => o.MaxConcurrentRequests > 0 && o.QueueLimit >= 0 && o.MaxQueueWait > TimeSpan.Zero && o.RetryAfterSeconds > 0,
                "LoadShedding: MaxConcurrentRequests and RetryAfterSeconds must be positive, QueueLimit not negative, MaxQueueWait above zero.")
            .ValidateOnStart();
        services.AddSingleton<RequestConcurrencyGate>();
        return services;
    }

    /// <summary>
    /// Early in the pipeline, so a refused request costs neither token validation nor an audit record; health probes
    /// and metrics are never refused, or an overloaded pod would be restarted or go dark to monitoring.
    /// </summary>
    public static IApplicationBuilder UseLoadShedding(this IApplicationBuilder app) =>
        app.UseWhen(c => !IsOperational(c.Request.Path), branch => branch.UseMiddleware<LoadSheddingMiddleware>());

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/actuator", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
