using Prometheus;

namespace BudgetBuddy.Operator.Runtime;

/// <summary>
/// The controller runtime's Prometheus metrics: reconciles by result, their duration, queue depth and watch
/// restarts by reason. One instance per registry; the default registry is what <c>/metrics</c> exposes.
/// </summary>
public sealed class ControllerMetrics
{
    /// <summary>Result label of a reconcile that converged.</summary>
    public const string Success = "success";

    /// <summary>Result label of a reconcile that asked to be looked at again later.</summary>
    public const string Requeue = "requeue";

    /// <summary>Result label of a reconcile that threw or reported failure.</summary>
    public const string Error = "error";

    /// <summary>Target label of a refused Kubernetes write.</summary>
    public const string KubernetesTarget = "kubernetes";

    /// <summary>Target label of a refused DynamoDB write.</summary>
    public const string DynamoDbTarget = "dynamodb";

    private readonly Counter reconciles;
    private readonly Histogram reconcileDuration;
    private readonly Gauge queueDepth;
    private readonly Counter watchRestarts;
    private readonly Counter fencedWrites;

    /// <summary>Creates the metrics in <paramref name="registry"/> (default: prometheus-net's default registry).</summary>
    public ControllerMetrics(CollectorRegistry? registry = null)
    {
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        reconciles = factory.CreateCounter(
            "budgetbuddy_operator_reconcile_total",
            "Reconciles by result (success, requeue, error).",
            new CounterConfiguration { LabelNames = ["result"] });
        reconcileDuration = factory.CreateHistogram(
            "budgetbuddy_operator_reconcile_duration_seconds",
            "How long one reconcile took, by result.",
            new HistogramConfiguration
            {
                LabelNames = ["result"],
                // 5 ms to about 80 s: a no-op reconcile is a few ms, a first provisioning of tables takes seconds.
                Buckets = Histogram.ExponentialBuckets(0.005, 2, 15),
            });
        queueDepth = factory.CreateGauge(
            "budgetbuddy_operator_queue_depth",
            "Keys waiting in the work queue (not counting keys being processed or waiting for a delay).");
        watchRestarts = factory.CreateCounter(
            "budgetbuddy_operator_watch_restarts_total",
            "Watch restarts by reason: expired (410 Gone, re-listed), closed (ended normally), error (failed, backed off).",
            new CounterConfiguration { LabelNames = ["reason"] });

        fencedWrites = factory.CreateCounter(
            "budgetbuddy_operator_fenced_writes_total",
            "Writes refused because this replica could not prove it still held the Lease, by target (kubernetes, dynamodb).",
            new CounterConfiguration { LabelNames = ["target"] });

        // Every series exists from the start, so a rate() or an alert on a reason that has not happened yet reads 0.
        foreach (var result in new[] { Success, Requeue, Error })
        {
            reconciles.WithLabels(result);
            reconcileDuration.WithLabels(result);
        }
        fencedWrites.WithLabels(KubernetesTarget);
        fencedWrites.WithLabels(DynamoDbTarget);
        foreach (var reason in Enum.GetValues<WatchRestartReason>())
        {
            watchRestarts.WithLabels(LabelOf(reason));
        }
    }

    /// <summary>Records one finished reconcile.</summary>
    public void ReconcileFinished(string result, TimeSpan duration)
    {
        reconciles.WithLabels(result).Inc();
        reconcileDuration.WithLabels(result).Observe(duration.TotalSeconds);
    }

    /// <summary>Sets the queue-depth gauge.</summary>
    public void SetQueueDepth(int depth) => queueDepth.Set(depth);

    /// <summary>Counts one watch restart.</summary>
    public void WatchRestarted(WatchRestartReason reason) => watchRestarts.WithLabels(LabelOf(reason)).Inc();

    /// <summary>Counts one write refused by the lease fence.</summary>
    public void WriteFenced(string target) => fencedWrites.WithLabels(target).Inc();

    private static string LabelOf(WatchRestartReason reason) => reason switch
    {
        WatchRestartReason.Expired => "expired",
        WatchRestartReason.Closed => "closed",
        _ => "error",
    };
}
