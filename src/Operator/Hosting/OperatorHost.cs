using Amazon.DynamoDBv2;
using BudgetBuddy.Operator.Reconciliation;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.Operator.Runtime.Watcher;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts.LogRedaction;
using k8s;
using Prometheus;

namespace BudgetBuddy.Operator.Hosting;

/// <summary>
/// The operator process: the BudgetBuddyTenant controller (watch, queue, reconcile, resync, leader election), a watch
/// of the tenants' Secrets feeding its queue, plus
/// <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>. Built here once, used by the <c>run</c> command and by the tests.
/// </summary>
public static class OperatorHost
{
    public static WebApplication Build(OperatorSettings settings, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        // The operator handles tenants' private signing keys: no log line may carry one, whoever writes it.
        builder.Logging.AddSecretRedaction();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesConfig(settings)));
        builder.Services.AddSingleton<IAmazonDynamoDB>(_ => settings.DynamoDb.CreateClient());
        builder.Services.AddSingleton(settings.DynamoDb.Tables);
        builder.Services.AddSingleton(_ => settings.Encryption.Create(settings.DynamoDb.Region));
        builder.Services.AddSingleton<TenantStatusWriter>();
        builder.Services.AddSingleton<TenantEventRecorder>();
        builder.Services.AddResourceController<BudgetBuddyTenant, TenantReconciler>(o =>
        {
            o.Watch.Group = TenantResource.Group;
            o.Watch.Version = TenantResource.Version;
            o.Watch.Plural = TenantResource.Plural;
            o.Watch.Namespace = settings.WatchNamespace;
            o.LeaderElection.Enabled = settings.LeaderElection;
            o.LeaderElection.LeaseName = settings.LeaseName;
            o.LeaderElection.LeaseNamespace = settings.LeaseNamespace;
            o.LeaderElection.Identity = settings.Identity;
            o.LeaderElection.LeaseDuration = settings.LeaseDuration;
            o.LeaderElection.RenewDeadline = settings.LeaseDuration * 2 / 3;
            o.LeaderElection.RetryPeriod = settings.LeaseDuration * 2 / 15;
            o.ResyncPeriod = settings.ResyncPeriod;
            o.MaxConcurrentReconciles = settings.MaxConcurrentReconciles;
        });
        // A tenant's Secret deleted or edited out of band is restored at once, not at the next resync.
        builder.Services.AddOwnedSecretWatch<BudgetBuddyTenant>(o =>
        {
            o.Namespace = settings.WatchNamespace;
            o.LabelSelector = KubernetesTenantSecretStore.Selector;
        }, KubernetesTenantSecretStore.OwnerKeyOf);
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapMetrics("/metrics");
        app.MapGet("/healthz", () => Results.Text("ok"));
        // Ready once the watch has its first list; a standby replica (not leading) is ready too, waiting its turn.
        app.MapGet("/readyz", (IResourceCache<BudgetBuddyTenant> cache, ILeaderElection leader) =>
            cache.HasSynced || !leader.IsLeader ? Results.Text("ok") : Results.Text("watch not synced", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    private static KubernetesClientConfiguration KubernetesConfig(OperatorSettings settings) =>
        settings.KubernetesUrl is { } url
            ? new KubernetesClientConfiguration { Host = url }
            : KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile();
}
