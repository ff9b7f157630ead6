using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Queue;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using BudgetBuddy.Operator.Runtime.Watcher;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Runtime;

/// <summary>Registers a controller: watcher, work queue, workers, resync and leader election as one hosted service.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a controller of <typeparamref name="TResource"/> reconciled by <typeparamref name="TReconciler"/>. The
    /// container must hold an <see cref="IKubernetes"/>. Also registers <see cref="IResourceCache{TResource}"/> (for the
    /// reconciler), <see cref="ILeaderElection"/> (for health endpoints), <see cref="LeaseFence"/> (for the clients'
    /// write fences: <see cref="KubernetesWriteFence"/>) and <see cref="ControllerMetrics"/> on prometheus-net's default
    /// registry, unless already registered. One controller per process shares the Lease.
    /// </summary>
    public static IServiceCollection AddResourceController<TResource, TReconciler>(
        this IServiceCollection services,
        Action<ControllerOptions> configure)
        where TResource : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<TResource>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ControllerOptions();
        configure(options);
        options.Validate();

        var queueKey = typeof(TResource);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new ControllerMetrics());
        services.TryAddSingleton(sp => new LeaseFence(
            options.LeaderElection,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ControllerMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LeaseFence>()));
        services.TryAddSingleton<ILeaderElection>(sp => options.LeaderElection.Enabled
            ? new LeaseLeaderElection(
                sp.GetRequiredService<IKubernetes>(),
                options.LeaderElection,
                sp.GetRequiredService<LeaseFence>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<LeaseLeaderElection>())
            : new AlwaysLeader());
        services.AddKeyedSingleton<IWorkQueue>(queueKey, (sp, _) => new RateLimitingWorkQueue(
            options.FailureBackoff,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ControllerMetrics>()));
        services.AddSingleton(sp => new ResourceWatcher<TResource>(
            sp.GetRequiredService<IKubernetes>(),
            options.Watch,
            sp.GetRequiredKeyedService<IWorkQueue>(queueKey),
            sp.GetRequiredService<ControllerMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ResourceWatcher<TResource>>()));
        services.AddSingleton<IResourceCache<TResource>>(sp => sp.GetRequiredService<ResourceWatcher<TResource>>());
        services.TryAddSingleton<IReconciler<TResource>, TReconciler>();
        services.AddHostedService(sp =>
        {
            var reconciler = sp.GetRequiredService<IReconciler<TResource>>();
            return new ControllerHost<TResource>(
                sp.GetRequiredService<ResourceWatcher<TResource>>(),
                sp.GetRequiredKeyedService<IWorkQueue>(queueKey),
                reconciler.ReconcileAsync,
                sp.GetRequiredService<ILeaderElection>(),
                options,
                sp.GetRequiredService<ControllerMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<ControllerHost<TResource>>());
        });
        return services;
    }

    /// <summary>
    /// Adds a watch of the Secrets that <typeparamref name="TOwner"/> resources own (narrowed by the label selector
    /// <paramref name="configure"/> sets), each change queueing the key <paramref name="ownerKeyOf"/> maps it to: a
    /// Secret deleted or edited out of band is repaired at once, not at the next resync. Call after
    /// <see cref="AddResourceController{TResource, TReconciler}"/> of <typeparamref name="TOwner"/>, whose queue it feeds.
    /// </summary>
    internal static IServiceCollection AddOwnedSecretWatch<TOwner>(
        this IServiceCollection services,
        Action<ResourceWatcherOptions> configure,
        Func<V1Secret, string?> ownerKeyOf)
        where TOwner : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ResourceWatcherOptions { Group = "", Version = "v1", Plural = "secrets" };
        configure(options);
        options.Validate();

        services.AddHostedService(sp =>
        {
            var client = sp.GetRequiredService<IKubernetes>();
            var metrics = sp.GetRequiredService<ControllerMetrics>();
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<ResourceWatcher<V1Secret>>();
            var watcher = new ResourceWatcher<V1Secret>(
                client, options, sp.GetRequiredKeyedService<IWorkQueue>(typeof(TOwner)), metrics, time, logger,
                source: new SecretWatchSource(client, options), queueKeyOf: ownerKeyOf);
            return new ResourceWatchHost<V1Secret>(watcher, metrics, time, logger);
        });
        return services;
    }
}
