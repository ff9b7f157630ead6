using BudgetBuddy.Api.Webhooks;

namespace BudgetBuddy.UnitTests.Webhooks;

/// <summary>The wait between attempts: doubling from the base, capped, drawn from the upper half of the full wait.</summary>
public sealed class RetryDelayTests
{
    private static readonly WebhooksOptions Options = new() { RetryBase = TimeSpan.FromSeconds(5), RetryCap = TimeSpan.FromHours(1) };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)]
    [InlineData(1000, 3600)]
    public void Each_failure_doubles_the_wait_up_to_the_cap_jittered_within_its_upper_half(int failures, double fullSeconds)
    {
        Assert.Equal(fullSeconds / 2, Options.RetryDelay(failures, 0).TotalSeconds, 6);
        Assert.Equal(fullSeconds * 0.75, Options.RetryDelay(failures, 0.5).TotalSeconds, 6);
        Assert.Equal(fullSeconds, Options.RetryDelay(failures, 1).TotalSeconds, 6);
    }

    [Fact]
    public void Retries_at_the_defaults_go_on_for_the_whole_day_before_an_endpoint_is_disabled()
    {
        var defaults = new WebhooksOptions();
        var elapsed = TimeSpan.Zero;
        var attempts = 1;
        // Even with every wait at its shortest, the endpoint is tried again and again until DisableAfter.
        while (elapsed < defaults.DisableAfter)
        {
            elapsed += defaults.RetryDelay(attempts++, 0);
        }
        Assert.InRange(attempts, 40, 60);
        Assert.True(defaults.IsValid);
        Assert.False(new WebhooksOptions { RetryCap = TimeSpan.FromSeconds(1) }.IsValid);
    }
}
