using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Security;

internal static class HttpHardeningExtensions
{
    private static readonly System.Text.UTF8Encoding RequestHeaderText = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// What Kestrel accepts and how it refuses the rest, and whose forwarded headers are believed: only those of
    /// loopback and the networks in <see cref="ApiOptions.TrustedProxyNetworks"/> (the load balancer's subnets), one
    /// hop deep: the ALB appends exactly one entry, and anything before it is whatever the client claimed.
    /// </summary>
    public static IServiceCollection AddHttpHardening(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((k, api) =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes;
            // Header bytes that are not UTF-8 would make Kestrel refuse the request with an empty 400 before any
            // middleware runs (no problem body, no security headers). Decoded as U+FFFD they reach the API, whose
            // header checks (Idempotency-Key, If-Match, the bearer token) answer with a problem naming the header.
            k.RequestHeaderEncodingSelector = _ => RequestHeaderText;
            // What Kestrel still refuses itself (an escaped NUL in the path) is answered as a problem all the same.
            k.ConfigureEndpointDefaults(listen => listen.Use(next =>
            {
                var rejections = listen.ApplicationServices.GetRequiredService<RejectedRequests>();
                return connection => rejections.OnConnectionAsync(connection, next);
            }));
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((o, api) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            foreach (var network in api.Value.TrustedNetworks())
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddSingleton<RejectedRequests>();
        return services;
    }

    /// <summary>First in the pipeline: the scheme the client used decides HSTS, and every response gets the headers.</summary>
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        var rejections = app.Services.GetRequiredService<RejectedRequests>().Subscribe(app.Services.GetRequiredService<System.Diagnostics.DiagnosticListener>());
        app.Lifetime.ApplicationStopped.Register(rejections.Dispose);
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
