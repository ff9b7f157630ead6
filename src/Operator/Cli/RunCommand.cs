using System.CommandLine;
using BudgetBuddy.Operator.Hosting;

namespace BudgetBuddy.Operator.Cli;

/// <summary><c>run</c>: the operator itself — reconcile BudgetBuddyTenants until stopped (SIGTERM finishes in-flight work).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var kubernetesUrl = new Option<string?>("--kubernetes-url") { Description = "API server URL (default: in-cluster config, else kubeconfig)." };
        var watchNamespace = new Option<string?>("--watch-namespace")
        {
            Description = "Reconcile tenants of this namespace only (env WATCH_NAMESPACE; default all namespaces).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WATCH_NAMESPACE") is { Length: > 0 } ns ? ns : null,
        };
        var clusterName = new Option<string?>("--cluster-name")
        {
            Description = "This cluster's name in the owner recorded for each tenant id (env CLUSTER_NAME; default the API server's host).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CLUSTER_NAME") is { Length: > 0 } name ? name : null,
        };
        var leaderElection = new Option<bool>("--leader-election") { Description = "Elect one active replica through a Lease.", DefaultValueFactory = _ => true };
        var leaseNamespace = new Option<string>("--lease-namespace")
        {
            Description = "Namespace of the leader-election Lease (env POD_NAMESPACE).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default",
        };
        var leaseName = new Option<string>("--lease-name") { Description = "Name of the leader-election Lease.", DefaultValueFactory = _ => "budgetbuddy-operator" };
        var leaseSeconds = new Option<int>("--lease-duration-seconds")
        {
            Description = "How long the Lease holds without renewal: how soon a standby takes over from a killed leader.",
            DefaultValueFactory = _ => 15,
        };
        var identity = new Option<string?>("--identity")
        {
            Description = "This replica's name in the Lease (env POD_NAME; default host name and a random suffix).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : null,
        };
        var resyncMinutes = new Option<int>("--resync-minutes") { Description = "Reconcile every tenant at least this often, to repair drift.", DefaultValueFactory = _ => 10 };
        var complianceMinutes = new Option<int>("--compliance-minutes")
        {
            Description = "Check every tenant's compliance controls this often and export them as metrics; 0 turns the checks off.",
            DefaultValueFactory = _ => 60,
        };
        complianceMinutes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--compliance-minutes must be 0 or more.");
            }
        });
        var concurrency = new Option<int>("--concurrency") { Description = "Tenants reconciled at once.", DefaultValueFactory = _ => 4 };
        var urls = new Option<string>("--urls") { Description = "Where /metrics, /healthz and /readyz listen.", DefaultValueFactory = _ => "http://0.0.0.0:8081" };
        foreach (var positive in new[] { leaseSeconds, resyncMinutes, concurrency })
        {
            positive.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                {
                    r.AddError($"{positive.Name} must be 1 or more.");
                }
            });
        }
        var command = new Command("run", "Run the operator: reconcile BudgetBuddyTenant resources into DynamoDB tables, Secrets and registry items.")
        {
            kubernetesUrl, watchNamespace, clusterName, leaderElection, leaseNamespace, leaseName, leaseSeconds, identity, resyncMinutes, complianceMinutes, concurrency, urls,
            CliOptions.Endpoint, CliOptions.Region, CliOptions.TablePrefix, CliOptions.KeyFile, CliOptions.KmsKeyId,
        };
        command.SetAction(async (result, ct) =>
        {
            var settings = new OperatorSettings
            {
                KubernetesUrl = result.GetValue(kubernetesUrl),
                WatchNamespace = result.GetValue(watchNamespace),
                ClusterName = result.GetValue(clusterName),
                LeaderElection = result.GetValue(leaderElection),
                LeaseNamespace = result.GetValue(leaseNamespace)!,
                LeaseName = result.GetValue(leaseName)!,
                LeaseDuration = TimeSpan.FromSeconds(result.GetValue(leaseSeconds)),
                Identity = result.GetValue(identity),
                ResyncPeriod = TimeSpan.FromMinutes(result.GetValue(resyncMinutes)),
                ComplianceInterval = TimeSpan.FromMinutes(result.GetValue(complianceMinutes)),
                MaxConcurrentReconciles = result.GetValue(concurrency),
                Urls = result.GetValue(urls)!,
                DynamoDb = CliOptions.DynamoDb(result),
                Encryption = CliOptions.Encryption(result),
            };
            await using var app = OperatorHost.Build(settings);
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
