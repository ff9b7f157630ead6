using System.Globalization;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.RateLimiting;
using Prometheus;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>How a request over a limit is answered: 429, <c>Retry-After</c> in whole seconds, an RFC 9457 problem.</summary>
internal static class RateLimitRejection
{
    private static readonly Counter Rejections = Metrics.CreateCounter(
        "budgetbuddy_rate_limit_rejections_total",
        "Requests answered 429 by this pod's rate limiter, by the limit that refused them.",
        new CounterConfiguration { LabelNames = ["scope"] });

    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken ct)
    {
        var verdict = context.Lease as CallerRateLimiter.Verdict;
        var scope = verdict?.Scope ?? RateLimitScope.User;
        var retryAfter = verdict?.RetryAfterSeconds ?? 1;
        Rejections.WithLabels(scope == RateLimitScope.Tenant ? "tenant" : "user").Inc();

        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Problems.TooManyRequests(scope == RateLimitScope.Tenant, retryAfter).ExecuteAsync(http);
    }
}
