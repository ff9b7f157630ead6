using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TestSupport;

namespace BudgetBuddy.IntegrationTests.Operability;

/// <summary>
/// Every settings section is checked when the API starts: a setting that cannot work stops the binary, naming the
/// setting, instead of failing requests (or the first call to storage or Redis) later.
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Api__TrustedProxyNetworks", "10.0.0.0/16,the-vpc", "Api:TrustedProxyNetworks must be networks in CIDR notation")]
    [InlineData("Api__MaxRequestBodyBytes", "0", "Api: MaxRequestBodyBytes and IdempotencyRetention must be above zero")]
    [InlineData("Auth__Issuer", " ", "Auth: Issuer and Audience must be set")]
    [InlineData("Registry__CacheTtl", "-00:00:01", "Registry: CacheTtl and MinRefreshInterval must not be negative")]
    [InlineData("DynamoDb__MaxConnections", "0", "DynamoDb:MaxConnections must be at least 1")]
    [InlineData("DynamoDb__Timeout", "00:00:00", "DynamoDb:Timeout must be above zero")]
    [InlineData("Encryption__KeyProvider", "Vault", "Encryption:KeyProvider must be 'Local' or 'Kms'")]
    [InlineData("Encryption__KeyProvider", "Kms", "Encryption:KmsKeyId (the key's ARN) is not set")]
    [InlineData("Encryption__DataKeyCacheTtl", "-00:00:01", "Encryption:DataKeyCacheTtl must not be negative")]
    [InlineData("Compliance__PanScanSampleSize", "0", "Compliance: MaxDataKeyAgeDays and PanScanSampleSize must be positive")]
    [InlineData("LoadShedding__MaxConcurrentRequests", "0", "LoadShedding: MaxConcurrentRequests and RetryAfterSeconds must be positive")]
    [InlineData("RateLimits__Replicas", "0", "RateLimits: UserRequestsPerMinute, UserBurst and Replicas must be positive")]
    [InlineData("RateLimits__Redis__Configuration", "127.0.0.1:6379,notAnOption=1", "RateLimits:Redis:Configuration cannot be read")]
    [InlineData("RateLimits__Redis__Timeout", "00:00:00", "RateLimits:Redis:Timeout must be above zero")]
    [InlineData("RateLimits__Redis__RetryInterval", "00:00:00", "RateLimits:Redis:RetryInterval must be above zero")]
    [InlineData("Webhooks__RequestTimeout", "00:00:01", "Webhooks: ConnectTimeout must be positive and RequestTimeout between it and 1 minute")]
    [InlineData("Webhooks__MaxResponseBytes", "0", "MaxResponseBytes between 1 and 1 MiB")]
    public async Task A_setting_that_cannot_work_stops_the_api_at_start_naming_it(string name, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            // Nothing listens on port 1: the API must refuse to start before it would ever call DynamoDB or Redis. Redis
            // is configured so that its settings are checked too.
            ["DynamoDb__ServiceUrl"] = "http://127.0.0.1:1",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["RateLimits__Redis__Configuration"] = "127.0.0.1:1",
            [name] = value,
        };

        var run = await BinaryRun.RunAsync("budgetbuddy-api", [], environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
