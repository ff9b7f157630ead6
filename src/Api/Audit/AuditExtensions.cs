namespace BudgetBuddy.Api.Audit;

/// <summary>Wiring of the audit trail: its services, its two middleware steps, its endpoints (mapped in Program).</summary>
internal static class AuditExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<AuditChainer>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditQueries>();
        services.AddHostedService<AuditChainWorker>();
        return services;
    }

    /// <summary>Outermost, so it sees the status the client gets, after the exception handler has answered.</summary>
    public static IApplicationBuilder UseAuditTrail(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();

    /// <summary>After routing: remembers the route template while the endpoint is known.</summary>
    public static IApplicationBuilder UseAuditedRoutes(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        RequestAudit.Of(context)?.CaptureAction();
        return next(context);
    });
}
