namespace BudgetBuddy.Api.RateLimiting;

internal static class RateLimitingExtensions
{
    /// <summary>Per-user and per-tenant token buckets (<see cref="CallerRateLimiter"/>), answered by <see cref="RateLimitRejection"/>.</summary>
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.UserRequestsPerMinute > 0 && o.UserBurst > 0 && o.Replicas > 0,
                "RateLimits: UserRequestsPerMinute, UserBurst and Replicas must be positive.")
            .ValidateOnStart();
        services.AddSingleton<CallerRateLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
        });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<CallerRateLimiter>((o, limiter) => o.GlobalLimiter = limiter);
        return services;
    }
}
