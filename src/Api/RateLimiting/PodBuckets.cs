using System.Threading.RateLimiting;
using BudgetBuddy.Api.Auth;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>
/// Token buckets in this pod's memory, each holding 1/<see cref="RateLimitOptions.Replicas"/> of its limit: the limits
/// without a shared store, and while the shared store cannot be reached.
/// </summary>
internal sealed class PodBuckets : IDisposable
{
    private readonly PartitionedRateLimiter<Caller> users;
    private readonly PartitionedRateLimiter<Caller> tenants;
    private readonly BucketShape userShape;
    private readonly int replicas;

    public PodBuckets(IOptions<RateLimitOptions> options)
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

    /// <summary>The user's bucket first, so a user over their own limit does not spend the tenant's tokens.</summary>
    public LimitDecision Decide(Caller caller)
    {
        // Token bucket leases hold nothing to give back; spent tokens stay spent.
        using (var user = users.AttemptAcquire(caller))
        {
            if (!user.IsAcquired)
            {
                return LimitDecision.Refused(RateLimitScope.User, userShape.RetryAfterSeconds);
            }
        }
        using var tenant = tenants.AttemptAcquire(caller);
        return tenant.IsAcquired ? LimitDecision.Allowed : LimitDecision.Refused(RateLimitScope.Tenant, TenantShape(caller).RetryAfterSeconds);
    }

    public void Dispose()
    {
        users.Dispose();
        tenants.Dispose();
    }

    private BucketShape TenantShape(Caller caller) =>
        BucketShape.PerPod(caller.Tenant.Plan.RequestsPerMinute, caller.Tenant.Plan.Burst, replicas);

    private readonly record struct UserKey(string TenantId, string UserId);

    private readonly record struct TenantKey(string TenantId, BucketShape Shape);
}
