using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Hosting;

internal static class QuietProbeLoggingExtensions
{
    /// <summary>
    /// Decorates the <see cref="ILoggerFactory"/> registered so far with <see cref="QuietProbeLoggerFactory"/>; call it
    /// after any other decoration (secret redaction), so the demoted entry still passes through that.
    /// </summary>
    public static ILoggingBuilder AddQuietProbes(this ILoggingBuilder logging)
    {
        var services = logging.Services;
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to decorate; call AddLogging first.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new QuietProbeLoggerFactory((ILoggerFactory)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        return logging;
    }
}
