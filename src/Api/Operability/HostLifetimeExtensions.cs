namespace BudgetBuddy.Api.Operability;

internal static class HostLifetimeExtensions
{
    /// <summary>How the process stops: time for in-flight requests, and a stop rather than a quiet half-life when a background service dies.</summary>
    public static IServiceCollection AddHostLifetime(this IServiceCollection services) =>
        services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(25);
            // Background services handle storage failures themselves (log, back off, carry on), so what still escapes
            // one is a defect that has left it dead. Stopping the pod, for Kubernetes to restart, beats one that serves
            // on with its audit chaining gone quiet.
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
}
