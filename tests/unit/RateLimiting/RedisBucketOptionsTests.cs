using BudgetBuddy.Api.RateLimiting;
using StackExchange.Redis;

namespace BudgetBuddy.UnitTests.RateLimiting;

public sealed class RedisBucketOptionsTests
{
    [Fact]
    public void Without_a_configuration_there_is_no_shared_store_and_nothing_to_check()
    {
        var options = new RedisBucketOptions { Timeout = TimeSpan.Zero };

        Assert.False(options.Enabled);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void The_client_fails_fast_never_aborts_on_a_failed_connect_and_waits_at_most_the_timeout()
    {
        var options = new RedisBucketOptions
        {
            Configuration = "master.bb.abc123.use1.cache.amazonaws.com:6379,ssl=true",
            Password = "token-from-a-secret",
            Timeout = TimeSpan.FromMilliseconds(120),
        };

        var client = options.ClientOptions();

        Assert.Null(options.Problem());
        Assert.True(client.Ssl);
        Assert.Equal("token-from-a-secret", client.Password);
        Assert.False(client.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, client.BacklogPolicy);
        Assert.Equal((120, 120), (client.AsyncTimeout, client.SyncTimeout));
    }

    [Theory]
    [InlineData("redis:6379,notAnOption=1", 250, "RateLimits:Redis:Configuration cannot be read")]
    [InlineData("ssl=true", 250, "RateLimits:Redis:Configuration names no endpoint.")]
    [InlineData("redis:6379", 0, "RateLimits:Redis:Timeout must be above zero and at most 10 seconds.")]
    [InlineData("redis:6379", 10_001, "RateLimits:Redis:Timeout must be above zero and at most 10 seconds.")]
    public void Settings_that_cannot_work_are_named(string configuration, int timeoutMilliseconds, string problem)
    {
        var options = new RedisBucketOptions { Configuration = configuration, Timeout = TimeSpan.FromMilliseconds(timeoutMilliseconds) };

        Assert.StartsWith(problem, options.Problem(), StringComparison.Ordinal);
    }
}
