using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BudgetBuddy.Api.Auth;

/// <summary>Answers a failed authorization with a 403 problem that says which requirement failed.</summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = reasons.Count > 0 ? string.Join(" ", reasons) : "The token does not allow this operation.",
            },
        };
        // The problem writer declines a request that accepts only other types (Accept: text/csv); the answer is a
        // problem all the same.
        if (!await problems.TryWriteAsync(problem))
        {
            await Results.Problem(problem.ProblemDetails).ExecuteAsync(context);
        }
    }
}
