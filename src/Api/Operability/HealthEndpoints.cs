using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BudgetBuddy.Api.Operability;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddActuatorHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<RegistryHealthCheck>("dynamodb", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<ShutdownHealthCheck>("lifecycle", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Aggregate, liveness and readiness, always mapped and anonymous. Liveness runs no dependency checks: a
    /// DynamoDB outage must make pods unready, not get them restarted.
    /// </summary>
    public static IEndpointRouteBuilder MapActuatorHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/actuator/health", Options(_ => true)).AllowAnonymous();
        app.MapHealthChecks("/actuator/health/liveness", Options(_ => false)).AllowAnonymous();
        app.MapHealthChecks("/actuator/health/readiness", Options(c => c.Tags.Contains(ReadyTag))).AllowAnonymous();
        return app;
    }

    private static HealthCheckOptions Options(Func<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = ActuatorHealthWriter.WriteAsync,
    };
}
