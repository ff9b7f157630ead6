namespace BudgetBuddy.Api.Http;

internal static class ProblemExtensions
{
    /// <summary>Every error an RFC 9457 problem with its path and trace id, exceptions included (<see cref="ProblemExceptionHandler"/>).</summary>
    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        // Binding failures throw, so ProblemExceptionHandler can name the bad field instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
