using BudgetBuddy.Api.Auth;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.BreachDetection;

/// <summary>
/// Counts an authenticated caller's 404s on routes that name a resource id: an app meets a few (a resource deleted on
/// another device); a caller walking ids meets many.
/// </summary>
internal sealed class NotFoundProbing(RequestDelegate next, SecuritySignals signals, IOptions<BreachDetectionOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status404NotFound
            && context.Features.Get<Caller>() is { } caller
            && (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.Parameters.Count > 0)
        {
            signals.Count(caller, SecuritySignal.ObjectProbing, options.Value.NotFoundPerWindow);
        }
    }
}
