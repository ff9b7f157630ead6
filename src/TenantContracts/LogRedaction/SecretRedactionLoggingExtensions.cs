using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.TenantContracts.LogRedaction;

public static class SecretRedactionLoggingExtensions
{
    /// <summary>
    /// Decorates the host's <see cref="ILoggerFactory"/> with <see cref="RedactingLoggerFactory"/>, so that every
    /// <see cref="ILogger"/> of the application, whoever asks for it and whichever providers are added before or after
    /// this call, passes its entries through <see cref="SecretRedactor"/> first. Calling it twice decorates once.
    /// </summary>
    public static ILoggingBuilder AddSecretRedaction(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var services = logging.Services;
        if (services.Any(d => d.ServiceType == typeof(RedactionMarker)))
        {
            return logging;
        }
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to decorate; call AddLogging first.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new RedactingLoggerFactory(Create(provider, registered)));
        services.AddSingleton<RedactionMarker>();
        return logging;
    }

    private static ILoggerFactory Create(IServiceProvider provider, ServiceDescriptor registered) =>
        (ILoggerFactory)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));

    private sealed class RedactionMarker;
}
