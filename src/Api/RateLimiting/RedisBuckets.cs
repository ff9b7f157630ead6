using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;
using Prometheus;
using RedisRateLimiting;
using StackExchange.Redis;

namespace BudgetBuddy.Api.RateLimiting;

/// <summary>
/// The user and tenant token buckets kept in Redis, so every pod draws on one bucket per limit and the limits hold at
/// any replica count. Each limited request costs one round trip per bucket (an atomic script on the server).
/// </summary>
/// <remarks>
/// <para>When Redis cannot answer (unreachable, slow past <see cref="RedisBucketOptions.Timeout"/>, erroring) this
/// fails open to the pod's own buckets (<see cref="PodBuckets"/>: each pod 1/Replicas of every limit), logs one warning
/// per outage, counts each such request and keeps asking no one for <see cref="RedisBucketOptions.RetryInterval"/>.
/// The limits exist for fairness and to keep DynamoDB's capacity for everyone; refusing every request, or answering
/// 500, because a cache is down would turn a Redis outage into an API outage. Per-pod shares are what the API enforced
/// before the shared store and stay close to the plan at the replica count they were sized for.</para>
/// <para>Keys carry the DynamoDB table prefix (one deployment's tenants, wherever its pods run), the tenant's plan
/// (a changed plan starts a bucket of the new shape, as in the pods) and a hash of the user id rather than the id: a
/// token's <c>sub</c> is any string, and stays out of a store shared with other systems.</para>
/// </remarks>
internal sealed partial class RedisBuckets : IDisposable
{
    private static readonly Gauge StoreUp = Metrics.CreateGauge(
        "budgetbuddy_rate_limit_store_up",
        "1 while this pod keeps its rate limits in the shared store (Redis), 0 while it falls back to its own buckets.");

    private static readonly Counter Fallbacks = Metrics.CreateCounter(
        "budgetbuddy_rate_limit_store_fallbacks_total",
        "Requests this pod limited with its own buckets because the shared store (Redis) could not answer.");

    private const int Unknown = -1, Down = 0, Up = 1;

    private readonly Task<ConnectionMultiplexer> connection;
    private readonly PartitionedRateLimiter<Caller> users;
    private readonly PartitionedRateLimiter<Caller> tenants;
    private readonly BucketShape userShape;
    private readonly string keyPrefix;
    private readonly TimeSpan retryInterval;
    private readonly TimeProvider clock;
    private readonly ILogger<RedisBuckets> logger;
    private long askAgainAtTicks;
    private int state = Unknown;

    public RedisBuckets(IOptions<RateLimitOptions> options, IOptions<DynamoDbOptions> dynamoDb, TimeProvider clock, ILogger<RedisBuckets> logger)
    {
        var limits = options.Value;
        this.clock = clock;
        this.logger = logger;
        retryInterval = limits.Redis.RetryInterval;
        keyPrefix = $"budgetbuddy:{dynamoDb.Value.TablePrefix}";
        userShape = BucketShape.PerPod(limits.UserRequestsPerMinute, limits.UserBurst, replicas: 1);
        // Connects in the background: the pod serves from its own buckets until Redis answers.
        connection = ConnectionMultiplexer.ConnectAsync(limits.Redis.ClientOptions());
        users = PartitionedRateLimiter.Create<Caller, BucketKey>(caller =>
            RedisRateLimitPartition.GetTokenBucketRateLimiter(UserKey(caller), key => RedisOptions(key.Shape)));
        tenants = PartitionedRateLimiter.Create<Caller, BucketKey>(caller =>
            RedisRateLimitPartition.GetTokenBucketRateLimiter(TenantKey(caller), key => RedisOptions(key.Shape)));
    }

    /// <summary>The shared buckets' decision, or null when Redis cannot give one and the pod must decide alone.</summary>
    /// <param name="requestAborted">Only to tell a client that went away from a failure of Redis.</param>
    public async ValueTask<LimitDecision?> TryDecideAsync(Caller caller, CancellationToken requestAborted)
    {
        if (!Reachable())
        {
            Fallbacks.Inc();
            return null;
        }
        try
        {
            // The library answers only AcquireAsync: its AttemptAcquire cannot reach the server.
            using (var user = await users.AcquireAsync(caller, 1, requestAborted))
            {
                if (!user.IsAcquired)
                {
                    return Answered(LimitDecision.Refused(RateLimitScope.User, RetryAfter(user, userShape)));
                }
            }
            using var tenant = await tenants.AcquireAsync(caller, 1, requestAborted);
            return Answered(tenant.IsAcquired
                ? LimitDecision.Allowed
                : LimitDecision.Refused(RateLimitScope.Tenant, RetryAfter(tenant, TenantShape(caller))));
        }
        // Whatever went wrong between here and Redis, the request is limited by the pod rather than failed.
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            Unreachable(e.GetType().Name);
            Fallbacks.Inc();
            return null;
        }
    }

    public void Dispose()
    {
        users.Dispose();
        tenants.Dispose();
        if (connection.IsCompletedSuccessfully)
        {
            connection.Result.Dispose();
        }
    }

    private bool Reachable()
    {
        if (clock.GetUtcNow().UtcTicks < Interlocked.Read(ref askAgainAtTicks))
        {
            return false;
        }
        if (!connection.IsCompletedSuccessfully)
        {
            // Still connecting (a fault here would be a bug of configuration that validation let through).
            if (connection.IsFaulted)
            {
                Unreachable(connection.Exception.InnerException?.GetType().Name ?? "connect failed");
            }
            return false;
        }
        if (!connection.Result.IsConnected)
        {
            Unreachable("not connected");
            return false;
        }
        return true;
    }

    private LimitDecision Answered(LimitDecision decision)
    {
        var before = Interlocked.Exchange(ref state, Up);
        if (before != Up)
        {
            StoreUp.Set(1);
            if (before == Down)
            {
                LogStoreBack();
            }
        }
        return decision;
    }

    private void Unreachable(string reason)
    {
        Interlocked.Exchange(ref askAgainAtTicks, (clock.GetUtcNow() + retryInterval).UtcTicks);
        if (Interlocked.Exchange(ref state, Down) != Down)
        {
            StoreUp.Set(0);
            LogStoreUnreachable(reason, retryInterval);
        }
    }

    private RedisTokenBucketRateLimiterOptions RedisOptions(BucketShape shape) => new()
    {
        ConnectionMultiplexerFactory = () => connection.Result,
        TokenLimit = shape.Burst,
        // One token at a time, at the limit's pace: a bucket that refills continuously, as the pods' buckets do.
        TokensPerPeriod = 1,
        ReplenishmentPeriod = shape.TokenInterval,
    };

    private BucketKey UserKey(Caller caller)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(caller.UserId), hash);
        return new BucketKey($"{keyPrefix}:user:{caller.TenantId}:{Base64Url.EncodeToString(hash[..16])}", userShape);
    }

    private BucketKey TenantKey(Caller caller)
    {
        var shape = TenantShape(caller);
        return new BucketKey($"{keyPrefix}:tenant:{caller.TenantId}:{shape.RequestsPerMinute}:{shape.Burst}", shape);
    }

    private static BucketShape TenantShape(Caller caller) =>
        BucketShape.PerPod(caller.Tenant.Plan.RequestsPerMinute, caller.Tenant.Plan.Burst, replicas: 1);

    /// <summary>The shared bucket's own count of the time to its next token, or one token's time if it gave none.</summary>
    private static int RetryAfter(RateLimitLease lease, BucketShape shape) =>
        lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) && seconds > 0
            ? seconds
            : (int)Math.Ceiling(shape.TokenInterval.TotalSeconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Rate limits: Redis cannot be reached ({Reason}); this pod limits requests with its own buckets, 1/Replicas of each limit, and asks Redis again in {RetryInterval}")]
    private partial void LogStoreUnreachable(string reason, TimeSpan retryInterval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limits: Redis answers again; the limits are shared by all pods")]
    private partial void LogStoreBack();

    /// <summary>The partition's Redis key (the library names the bucket after <see cref="ToString"/>) and its shape.</summary>
    private readonly record struct BucketKey(string Name, BucketShape Shape)
    {
        public override string ToString() => Name;
    }
}
