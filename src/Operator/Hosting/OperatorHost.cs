using Amazon.DynamoDBv2;
using BudgetBuddy.Operator.Compliance;
using BudgetBuddy.Operator.Reconciliation;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Fencing;
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
        // Probes and scrapes come every few seconds; at Information they were most of a standby's log.
        builder.Logging.AddQuietProbes();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        // Resolved once: the Lease and the User-Agent of every API request name the same replica.
        var identity = new LeaderElectionOptions { Identity = settings.Identity }.ResolveIdentity();
        // Both clients refuse writes while this replica cannot prove it holds the Lease (see LeaseFence).
        builder.Services.AddSingleton<IKubernetes>(sp => new Kubernetes(KubernetesConfig(settings, identity), new KubernetesWriteFence(sp.GetRequiredService<LeaseFence>())));
        builder.Services.AddSingleton<IAmazonDynamoDB>(sp => FencedDynamoDbClient.Create(settings.DynamoDb, sp.GetRequiredService<LeaseFence>()));
        builder.Services.AddSingleton(settings.DynamoDb.Tables);
        builder.Services.AddSingleton(_ => settings.Encryption.Create(settings.DynamoDb.Region));
        builder.Services.AddSingleton<TenantStatusWriter>();
        builder.Services.AddSingleton<TenantEventRecorder>();
        builder.Services.AddSingleton(sp => new ClusterIdentity(
            settings.ClusterName is { Length: > 0 } clusterName ? clusterName : sp.GetRequiredService<IKubernetes>().BaseUri.Authority));
        builder.Services.AddResourceController<BudgetBuddyTenant, TenantReconciler>(o =>
        {
            o.Watch.Group = TenantResource.Group;
            o.Watch.Version = TenantResource.Version;
            o.Watch.Plural = TenantResource.Plural;
            o.Watch.Namespace = settings.WatchNamespace;
            o.LeaderElection.Enabled = settings.LeaderElection;
            o.LeaderElection.LeaseName = settings.LeaseName;
            o.LeaderElection.LeaseNamespace = settings.LeaseNamespace;
            o.LeaderElection.Identity = identity;
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
        if (settings.ComplianceInterval > TimeSpan.Zero)
        {
            builder.Services.AddSingleton<ComplianceMetrics>();
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ComplianceMonitor>(
                sp, settings.ComplianceInterval, !string.IsNullOrWhiteSpace(settings.DynamoDb.ServiceUrl)));
        }
        customize?.Invoke(builder);

        var app = builder.Build();
        app.UseProbeMarking();
        app.MapMetrics(ProbeEndpoints.Metrics);
        app.MapGet(ProbeEndpoints.Healthz, () => Results.Text("ok"));
        // Ready once the watch has its first list; a standby replica (not leading) is ready too, waiting its turn.
        app.MapGet(ProbeEndpoints.Readyz, (IResourceCache<BudgetBuddyTenant> cache, ILeaderElection leader) =>
            cache.HasSynced || !leader.IsLeader ? Results.Text("ok") : Results.Text("watch not synced", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    private static KubernetesClientConfiguration KubernetesConfig(OperatorSettings settings, string identity)
    {
        var config = settings.KubernetesUrl is { } url
            ? new KubernetesClientConfiguration { Host = url }
            : KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile();
        // The API server's audit log then tells which replica made a request, as it does for kube-controller-manager.
        config.UserAgent = $"budgetbuddy-operator ({identity})";
        return config;
    }
}
