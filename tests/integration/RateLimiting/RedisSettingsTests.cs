using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.RateLimiting;

/// <summary>Redis settings that cannot work stop the API binary at start, naming the setting, instead of failing requests later.</summary>
public sealed class RedisSettingsTests
{
    [Theory]
    [InlineData("RateLimits__Redis__Configuration", "127.0.0.1:6379,notAnOption=1", "RateLimits:Redis:Configuration cannot be read")]
    [InlineData("RateLimits__Redis__Timeout", "00:00:00", "RateLimits:Redis:Timeout must be above zero")]
    [InlineData("RateLimits__Redis__RetryInterval", "00:00:00", "RateLimits:Redis:RetryInterval must be above zero")]
    public async Task A_setting_that_cannot_work_stops_the_api_at_start(string name, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            // Nothing listens on port 1: the API must refuse to start before it would ever call DynamoDB or Redis.
            ["DynamoDb__ServiceUrl"] = "http://127.0.0.1:1",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{UnusedPort.Next()}",
            ["RateLimits__Redis__Configuration"] = "127.0.0.1:1",
            [name] = value,
        };

        var run = await BinaryRun.RunAsync("budgetbuddy-api", [], environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
