using BudgetBuddy.Operator.Runtime;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

public sealed class BackoffPolicyTests
{
    [Fact]
    public void Delays_double_from_the_base_up_to_the_cap()
    {
        var policy = BackoffPolicy.PerKeyDefault();

        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.DelayFor(0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayFor(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), policy.DelayFor(2));
        Assert.Equal(TimeSpan.FromMilliseconds(204_800), policy.DelayFor(11));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.DelayFor(12));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1_100)]
    [InlineData(int.MaxValue)]
    public void Any_number_of_attempts_stays_at_the_cap_without_overflowing(int attempt)
    {
        Assert.Equal(TimeSpan.FromMinutes(5), BackoffPolicy.PerKeyDefault().DelayFor(attempt));
        Assert.Equal(TimeSpan.FromSeconds(30), BackoffPolicy.ReconnectDefault().DelayFor(attempt));
    }

    [Fact]
    public void The_reconnect_default_is_200_ms_doubling_to_30_s()
    {
        var policy = BackoffPolicy.ReconnectDefault();

        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayFor(0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), policy.DelayFor(1));
        Assert.Equal(TimeSpan.FromMilliseconds(25_600), policy.DelayFor(7));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayFor(8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(20)]
    public void Full_jitter_stays_between_zero_and_the_exponential_delay_and_spreads_over_it(int attempt)
    {
        var policy = BackoffPolicy.ReconnectDefault();
        var ceiling = policy.DelayFor(attempt);
        var random = new Random(42);

        var samples = Enumerable.Range(0, 2_000).Select(_ => policy.JitteredDelayFor(attempt, random)).ToList();

        Assert.All(samples, delay => Assert.InRange(delay, TimeSpan.Zero, ceiling));
        Assert.True(samples.Min() < ceiling * 0.05, "some retries come almost at once");
        Assert.True(samples.Max() > ceiling * 0.95, "some retries wait almost the whole delay");
        Assert.InRange(samples.Average(d => d.TotalMilliseconds), ceiling.TotalMilliseconds * 0.45, ceiling.TotalMilliseconds * 0.55);
    }

    [Fact]
    public void A_policy_with_a_cap_below_its_base_or_a_shrinking_factor_is_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => new BackoffPolicy { Base = TimeSpan.FromSeconds(2), Cap = TimeSpan.FromSeconds(1) }.DelayFor(0));
        Assert.Throws<InvalidOperationException>(() => new BackoffPolicy { Factor = 0.5 }.DelayFor(0));
    }
}
