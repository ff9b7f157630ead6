using Microsoft.AspNetCore.HttpOverrides;

namespace BudgetBuddy.Api.Security;

internal static class HttpHardeningExtensions
{
    /// <summary>
    /// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only from loopback and the networks in
    /// <see cref="ApiOptions.TrustedProxyNetworks"/> (the load balancer's subnets), one hop deep: the ALB appends
    /// exactly one entry, and anything before it is whatever the client claimed.
    /// </summary>
    public static IServiceCollection AddHttpHardening(this IServiceCollection services, ApiOptions api)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            foreach (var network in api.TrustedProxyNetworks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
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
