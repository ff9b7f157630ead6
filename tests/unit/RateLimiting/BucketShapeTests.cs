using System.Threading.RateLimiting;
using BudgetBuddy.Api.RateLimiting;

namespace BudgetBuddy.UnitTests.RateLimiting;

public sealed class BucketShapeTests
{
    [Theory]
    [InlineData(60_000, 1_000, 1, 60_000, 1_000)]
    [InlineData(60_000, 1_000, 3, 20_000, 334)]   // rounded up: three pods together allow at least the plan
    [InlineData(600, 100, 4, 150, 25)]
    [InlineData(2, 1, 5, 1, 1)]                   // never below one request
    [InlineData(600, 100, 0, 600, 100)]           // no pods configured reads as one
    public void Each_pod_enforces_its_share_of_a_limit(int perMinute, int burst, int replicas, int podPerMinute, int podBurst)
    {
        Assert.Equal(new BucketShape(podPerMinute, podBurst), BucketShape.PerPod(perMinute, burst, replicas));
    }

    [Theory]
    [InlineData(600, 1)]     // a token every 100 ms
    [InlineData(60, 2)]      // every second, plus the refill tick
    [InlineData(6, 11)]
    [InlineData(1, 61)]
    public void Retry_after_is_the_wait_for_one_token_in_whole_seconds(int perMinute, int seconds)
    {
        Assert.Equal(seconds, new BucketShape(perMinute, 1).RetryAfterSeconds);
    }

    [Theory]
    [InlineData(60_000, 1)]   // the shared bucket gets one token a millisecond
    [InlineData(600, 100)]
    [InlineData(1, 60_000)]
    public void A_token_comes_back_every_minute_divided_by_the_rate(int perMinute, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new BucketShape(perMinute, 1).TokenInterval);
    }

    [Fact]
    public async Task The_bucket_refills_continuously_at_the_rate_not_once_a_minute()
    {
        using var bucket = new TokenBucketRateLimiter(new BucketShape(600, 1).Options());
        using (var first = bucket.AttemptAcquire())
        {
            Assert.True(first.IsAcquired);
        }
        using (var empty = bucket.AttemptAcquire())
        {
            Assert.False(empty.IsAcquired);
        }

        // 600 a minute is one token per 100 ms; a minute-long step would leave the bucket empty for a minute.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        bucket.TryReplenish();

        using var again = bucket.AttemptAcquire();
        Assert.True(again.IsAcquired);
    }
}
