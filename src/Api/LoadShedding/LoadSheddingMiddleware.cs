using System.Globalization;
using BudgetBuddy.Api.Http;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.LoadShedding;

/// <summary>Runs each request inside a turn of the <see cref="RequestConcurrencyGate"/>, or answers 503 with <c>Retry-After</c>.</summary>
internal sealed class LoadSheddingMiddleware(RequestDelegate next, RequestConcurrencyGate gate, IOptions<LoadSheddingOptions> options)
{
    private readonly string retryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    public async Task InvokeAsync(HttpContext context)
    {
        using var turn = await gate.EnterAsync(context.RequestAborted);
        if (turn is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            context.Response.Headers.RetryAfter = retryAfter;
            await Problems.Overloaded(options.Value.RetryAfterSeconds).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
