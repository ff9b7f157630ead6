using Microsoft.Net.Http.Headers;

namespace BudgetBuddy.Api.Security;

/// <summary>
/// The headers every response carries, set when the response starts, so problems written by the exception handler
/// (which clears headers), the authentication challenge and the status-code pages carry them too.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>API answers are JSON: nothing in them may load, run, be framed or submit anywhere.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The Scalar page at <c>/docs</c> loads its scripts from this origin, starts them with an inline module, styles
    /// itself inline, takes its fonts from Scalar's font host and fetches the OpenAPI document (and, for "try it", the
    /// API) from this origin. Still never framed.
    /// </summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https://fonts.scalar.com; " +
        "font-src 'self' data: https://fonts.scalar.com; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>A year, subdomains included; sent only on requests that came over TLS (as the load balancer says).</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>What every answer carries, whatever its path or scheme.</summary>
    private static readonly (string Name, string Value)[] Always =
        [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")];

    /// <summary>The headers <see cref="Apply"/> gives a problem answered over plain HTTP, for answers written without it.</summary>
    public static readonly (string Name, string Value)[] ForProblems =
        [.. Always, (HeaderNames.ContentSecurityPolicy, ApiContentSecurityPolicy), (HeaderNames.CacheControl, "no-store")];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        foreach (var (name, value) in Always)
        {
            headers[name] = value;
        }
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase)
            ? DocsContentSecurityPolicy
            : ApiContentSecurityPolicy;
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        // Answers to a bearer token are someone's money: no browser, proxy or CDN may keep them. Problems are never
        // worth keeping. Anonymous answers keep a Cache-Control their endpoint chose (the docs' scripts), else no-store.
        if (context.Request.Headers.Authorization.Count > 0
            || !headers.ContainsKey(HeaderNames.CacheControl)
            || context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers.CacheControl = "no-store";
        }
    }
}
