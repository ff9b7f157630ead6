namespace BudgetBuddy.Api.Events;

internal static class EventsExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>()
            .Bind(configuration.GetSection(EventsOptions.Section))
            .Validate(o => o.IsValid, "Events: PollInterval and TenantRefresh must be above zero, LeaseDuration at least three PollIntervals, Retention at least 7 days.")
            .ValidateOnStart();
        services.AddSingleton<EventSignal>();
        services.AddSingleton<EventMetrics>();
        services.AddSingleton<EventLog>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<UserEvents>();
        services.AddSingleton<EventProjector>();
        services.AddHostedService<EventWorker>();
        services.AddSingleton<Erasure.IUserDataEraser, EventLogEraser>();
        return services;
    }
}
