using System.Threading.RateLimiting;
using BudgetBuddy.Api.Auth;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>
/// The API's global limiter: a token bucket per user, then one per tenant (sized by the tenant's registry plan),
/// both per pod. It runs after authorization, which sets the <see cref="Caller"/>; requests without one (health,
/// metrics, OpenAPI, docs: the anonymous endpoints) are not limited.
/// </summary>
/// <remarks>
/// The user's bucket is asked first, so a user over their own limit is turned away without spending the tenant's
/// tokens: one noisy user cannot starve the rest of the tenant. Built by hand rather than with
/// <c>PartitionedRateLimiter.CreateChained</c> to say which limit refused, and to answer the middleware's second
/// call for the same request (it retries with <c>AcquireAsync</c>, meant for queueing limiters) with the first
/// verdict, instead of charging the user again.
/// </remarks>
internal sealed class CallerRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private static readonly RateLimitLease Unlimited = new Verdict(acquired: true, null, 0);

    private readonly PartitionedRateLimiter<Caller> users;
    private readonly PartitionedRateLimiter<Caller> tenants;
    private readonly BucketShape userShape;
    private readonly int replicas;

    public CallerRateLimiter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        replicas = limits.Replicas;
        userShape = BucketShape.PerPod(limits.UserRequestsPerMinute, limits.UserBurst, replicas);
        users = PartitionedRateLimiter.Create<Caller, UserKey>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(new UserKey(caller.TenantId, caller.UserId), _ => userShape.Options()));
        // The plan is part of the key: a plan changed in the registry gets a bucket of the new shape at once.
        tenants = PartitionedRateLimiter.Create<Caller, TenantKey>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(new TenantKey(caller.TenantId, TenantShape(caller)), key => key.Shape.Options()));
    }

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

        var user = users.AttemptAcquire(caller, permitCount);
        if (!user.IsAcquired)
        {
            return Refuse(resource, RateLimitScope.User, userShape);
        }
        var tenant = tenants.AttemptAcquire(caller, permitCount);
        if (!tenant.IsAcquired)
        {
            return Refuse(resource, RateLimitScope.Tenant, TenantShape(caller));
        }
        // Token bucket leases hold nothing to give back; spent tokens stay spent.
        return Unlimited;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            users.Dispose();
            tenants.Dispose();
        }
        base.Dispose(disposing);
    }

    private BucketShape TenantShape(Caller caller) =>
        BucketShape.PerPod(caller.Tenant.Plan.RequestsPerMinute, caller.Tenant.Plan.Burst, replicas);

    private static Verdict Refuse(HttpContext resource, RateLimitScope scope, BucketShape shape)
    {
        var verdict = new Verdict(acquired: false, scope, shape.RetryAfterSeconds);
        resource.Features.Set(verdict);
        return verdict;
    }

    private readonly record struct UserKey(string TenantId, string UserId);

    private readonly record struct TenantKey(string TenantId, BucketShape Shape);

    /// <summary>The outcome for one request: which limit refused it and when to come back.</summary>
    internal sealed class Verdict(bool acquired, RateLimitScope? scope, int retryAfterSeconds) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public RateLimitScope? Scope { get; } = scope;

        public int RetryAfterSeconds { get; } = retryAfterSeconds;

        public override IEnumerable<string> MetadataNames => IsAcquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (!IsAcquired && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = TimeSpan.FromSeconds(RetryAfterSeconds);
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
