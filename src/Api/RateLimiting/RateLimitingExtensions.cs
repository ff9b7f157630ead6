using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.RateLimiting;

internal static class RateLimitingExtensions
{
    /// <summary>
    /// Per-user and per-tenant token buckets (<see cref="CallerRateLimiter"/>), shared through Redis when
    /// <c>RateLimits:Redis:Configuration</c> is set, answered by <see cref="RateLimitRejection"/>.
    /// </summary>
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidation>();
        services.AddSingleton<PodBuckets>();
        // Without Redis no client is built (RedisBuckets is never asked for) and nothing waits for one.
        services.AddSingleton<RedisBuckets>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.Redis.Enabled
            ? new CallerRateLimiter(sp.GetRequiredService<PodBuckets>(), sp.GetRequiredService<RedisBuckets>())
            : new CallerRateLimiter(sp.GetRequiredService<PodBuckets>()));
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
