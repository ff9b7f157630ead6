using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Operator.Hosting;

/// <summary>How one operator process runs: where Kubernetes and DynamoDB are, what it watches, how it elects a leader.</summary>
public sealed class OperatorSettings
{
    /// <summary>API server URL; null means in-cluster config, else the kubeconfig (KUBECONFIG or ~/.kube/config).</summary>
    public string? KubernetesUrl { get; set; }

    /// <summary>The namespace whose tenants this operator reconciles; null for all namespaces.</summary>
    public string? WatchNamespace { get; set; }

    /// <summary>
    /// This cluster's name in the owner recorded for each tenant id (operators of several clusters may share one
    /// DynamoDB account and prefix); null: the API server's host and port.
    /// </summary>
    public string? ClusterName { get; set; }

    public bool LeaderElection { get; set; } = true;

    public string LeaseName { get; set; } = "budgetbuddy-operator";

    public string LeaseNamespace { get; set; } = "default";

    /// <summary>This replica's holder identity in the Lease; null: POD_NAME, else machine name and a GUID.</summary>
    public string? Identity { get; set; }

    /// <summary>
    /// How long a Lease holds without renewal: the longest a killed leader's tenants wait for a standby. The renew
    /// deadline (2/3 of it) and retry period (2/15) follow from it, in client-go's 15 s / 10 s / 2 s proportions.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the leader checks every Ready tenant's compliance controls; zero turns the checks off.</summary>
    public TimeSpan ComplianceInterval { get; set; } = TimeSpan.FromHours(1);

    public int MaxConcurrentReconciles { get; set; } = 4;

    /// <summary>Where /metrics, /healthz and /readyz are served.</summary>
    public string Urls { get; set; } = "http://0.0.0.0:8081";

    public DynamoDbOptions DynamoDb { get; set; } = new();

    /// <summary>The KEK that wraps tenant data keys; the API must be configured with the same one.</summary>
    public KeyEncryptionKeyOptions Encryption { get; set; } = new();
}
