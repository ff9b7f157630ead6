using Prometheus;

namespace BudgetBuddy.Api.Events;

/// <summary>Events recorded by type, the lags from commit to event and to delivery, and what waits per shard.</summary>
internal sealed class EventMetrics
{
    // The process's registry hands every instance the same collectors.
    private readonly Counter recorded = Metrics.CreateCounter(
        "budgetbuddy_events_recorded_total", "Events recorded in the tenants' event logs, by type.",
        new CounterConfiguration { LabelNames = ["type"] });

    private readonly Histogram projectionLag = Metrics.CreateHistogram(
        "budgetbuddy_event_projection_lag_seconds", "Time from a change's commit to its events being recorded.",
        new HistogramConfiguration { Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private readonly Histogram deliveryLag = Metrics.CreateHistogram(
        "budgetbuddy_event_delivery_lag_seconds", "Time from a change's commit to a webhook endpoint accepting its event (retries included).",
        new HistogramConfiguration { Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });

    private readonly Gauge backlog = Metrics.CreateGauge(
        "budgetbuddy_events_backlog",
        "Per shard this pod holds: commits not yet turned into events (kind outbox, counted up to 100), events not yet delivered to the furthest-behind enabled webhook (kind delivery).",
        new GaugeConfiguration { LabelNames = ["tenant", "shard", "kind"] });

    public void Recorded(string type) => recorded.WithLabels(type).Inc();

    public void ProjectionLag(double seconds) => projectionLag.Observe(Math.Max(0, seconds));

    public void DeliveryLag(double seconds) => deliveryLag.Observe(Math.Max(0, seconds));

    public void Backlog(string tenant, int shard, string kind, double value) =>
        backlog.WithLabels(tenant, Label(shard), kind).Set(value);

    /// <summary>Drops a shard's backlog when this pod stops holding it: its holder reports it now, and a stale value would alert.</summary>
    public void Forget(string tenant, int shard)
    {
        foreach (var kind in new[] { "outbox", "delivery" })
        {
            backlog.RemoveLabelled(tenant, Label(shard), kind);
        }
    }

    private static string Label(int shard) => shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
