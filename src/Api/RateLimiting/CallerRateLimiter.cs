using System.Threading.RateLimiting;
using BudgetBuddy.Api.Auth;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>
/// The API's global limiter: a token bucket per user, then one per tenant (sized by the tenant's registry plan), kept
/// in Redis when one is configured (<see cref="RedisBuckets"/>) and in each pod otherwise, or while Redis cannot
/// answer (<see cref="PodBuckets"/>). It runs after authorization, which sets the <see cref="Caller"/>; requests
/// without one (health, metrics, OpenAPI, docs: the anonymous endpoints) are not limited.
/// </summary>
/// <remarks>
/// The middleware first calls <c>AttemptAcquire</c>, which must not block, and only when that is refused
/// <c>AcquireAsync</c> (meant for queueing limiters). The pod's buckets answer the first call; with Redis the first
/// call answers "not yet" and the second asks Redis. The verdict is kept on the request, so a refusal is not charged
/// twice. Built by hand rather than with <c>PartitionedRateLimiter.CreateChained</c> to say which limit refused.
/// </remarks>
internal sealed class CallerRateLimiter(PodBuckets pod, RedisBuckets? shared = null) : PartitionedRateLimiter<HttpContext>
{
    private static readonly RateLimitLease Unlimited = new Verdict(acquired: true, null, 0);

    /// <summary>Sends the middleware on to <c>AcquireAsync</c>; never reaches a client, having no verdict.</summary>
    private static readonly RateLimitLease AskAsynchronously = new Verdict(acquired: false, null, 0);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (resource.Features.Get<Caller>() is not { } caller)
        {
            return Unlimited;
        }
        if (resource.Features.Get<Verdict>() is { } earlier)
        {
            return earlier;
        }
        return shared is null ? Conclude(resource, pod.Decide(caller)) : AskAsynchronously;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (resource.Features.Get<Caller>() is not { } caller)
        {
            return Unlimited;
        }
        if (resource.Features.Get<Verdict>() is { } earlier)
        {
            return earlier;
        }
        var decision = shared is null ? null : await shared.TryDecideAsync(caller, cancellationToken);
        return Conclude(resource, decision ?? pod.Decide(caller));
    }

    private static RateLimitLease Conclude(HttpContext resource, LimitDecision decision)
    {
        if (decision.RefusedBy is not { } scope)
        {
            return Unlimited;
        }
        var verdict = new Verdict(acquired: false, scope, decision.RetryAfterSeconds);
        resource.Features.Set(verdict);
        return verdict;
    }

    /// <summary>The outcome for one request: which limit refused it and when to come back.</summary>
    internal sealed class Verdict(bool acquired, RateLimitScope? scope, int retryAfterSeconds) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public RateLimitScope? Scope { get; } = scope;

        public int RetryAfterSeconds { get; } = retryAfterSeconds;

        public override IEnumerable<string> MetadataNames => IsAcquired || Scope is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (!IsAcquired && Scope is not null && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = TimeSpan.FromSeconds(RetryAfterSeconds);
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
