using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Webhooks;

internal static class WebhooksExtensions
{
    /// <summary>
    /// The endpoints' store, the delivery log, the SSRF guard and the sender with its named client, whose only way
    /// out is the guard's connect callback.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhooksOptions>()
            .Bind(configuration.GetSection(WebhooksOptions.Section))
            .Validate(o => o.IsValid,
                "Webhooks: ConnectTimeout must be positive and RequestTimeout between it and 1 minute; MaxResponseBytes between 1 and 1 MiB; "
                + "SecretOverlap not negative; DeliveryRetention at least a day; RetryBase and DisableAfter positive, RetryCap at least RetryBase.")
            .ValidateOnStart();
        services.AddSingleton<IHostAddresses, SystemHostAddresses>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<DispatcherAudit>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<Events.IShardDelivery, WebhookDispatcher>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var settings = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value;
                return new SocketsHttpHandler
                {
                    ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
                    ConnectTimeout = settings.ConnectTimeout,
                    // A redirect is the receiver's answer, not an instruction: following it could lead anywhere.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    // Pooled connections were made to checked addresses; a bounded life makes DNS changes count.
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                };
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the sender's own deadline applies
            // The factory's request logs would write each target URL, whose query may hold the receiver's token.
            .RemoveAllLoggers();
        return services;
    }
}
