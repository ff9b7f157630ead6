using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.TestSupport;

/// <summary>The ASP.NET Core app under a fake server in tests (Kubernetes, KMS, an OTLP collector, a proxy).</summary>
public static class LoopbackServer
{
    /// <summary>
    /// A slim app on 127.0.0.1 and a port the OS picks when it starts, logging nothing and stopping within 2 s; the
    /// caller maps its routes and starts it.
    /// </summary>
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        return builder.Build();
    }

    /// <summary>Where a started app listens, <c>http://127.0.0.1:{port}</c>.</summary>
    public static string BaseUrl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }
}
