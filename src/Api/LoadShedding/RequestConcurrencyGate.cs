using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace BudgetBuddy.Api.LoadShedding;

/// <summary>
/// The pod's turns for requests: a concurrency limiter with a bounded, oldest-first queue whose wait is capped, so a
/// request either gets a turn soon or is told at once that it will not.
/// </summary>
internal sealed class RequestConcurrencyGate : IDisposable
{
    private static readonly Gauge InFlight = Metrics.CreateGauge(
        "budgetbuddy_requests_in_flight", "API requests holding a turn of this pod's concurrency gate.");

    private static readonly Counter Refused = Metrics.CreateCounter(
        "budgetbuddy_load_shed_total",
        "Requests this pod refused with 503 because it was at capacity, by why: the queue was full or the wait too long.",
        new CounterConfiguration { LabelNames = ["reason"] });

    private readonly ConcurrencyLimiter limiter;
    private readonly TimeSpan maxQueueWait;

    public RequestConcurrencyGate(IOptions<LoadSheddingOptions> options)
    {
        var o = options.Value;
        maxQueueWait = o.MaxQueueWait;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.MaxConcurrentRequests,
            QueueLimit = o.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>A turn, or null when the request is to be refused; a turn is given back by disposing it.</summary>
    public async ValueTask<RateLimitLease?> EnterAsync(CancellationToken requestAborted)
    {
        // The common case, below capacity, takes a turn without a timer.
        var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            lease = await WaitForTurnAsync(requestAborted);
            if (lease is null)
            {
                return null;
            }
        }
        InFlight.Inc();
        return new Turn(lease);
    }

    public void Dispose() => limiter.Dispose();

    private async ValueTask<RateLimitLease?> WaitForTurnAsync(CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(maxQueueWait);
        try
        {
            var lease = await limiter.AcquireAsync(1, wait.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }
            lease.Dispose();
            Refused.WithLabels("queue_full").Inc();
            return null;
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            Refused.WithLabels("queue_timeout").Inc();
            return null;
        }
    }

    /// <summary>Keeps the in-flight gauge in step with the limiter's permits.</summary>
    private sealed class Turn(RateLimitLease inner) : RateLimitLease
    {
        private int disposed;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                InFlight.Dec();
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
