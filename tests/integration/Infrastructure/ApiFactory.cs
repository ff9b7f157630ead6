using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>The real API on Kestrel, on a free port, pointed at a DynamoDB endpoint and a table prefix of the test's own.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? replace;

    /// <param name="replace">Replaces services the test stands in for (the webhook guard's DNS), after the API's own.</param>
    public ApiFactory(string dynamoDbUrl, string tablePrefix, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? replace = null)
    {
        this.replace = replace;
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DynamoDb:ServiceUrl"] = dynamoDbUrl,
            ["DynamoDb:TablePrefix"] = tablePrefix,
            ["Encryption:LocalKeyFile"] = TestKek.FilePath,
            // ASP.NET Core's request lines (method, full URL, status) reach the capture, so whatever a test puts in a
            // URL is checked for leaks too; the console keeps the configured level.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:Console:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // Tests that are not about rate limits send more for one user than a client would (200 concurrent writes);
            // RateLimitTests sets small limits of its own.
            ["RateLimits:UserRequestsPerMinute"] = "1000000",
            ["RateLimits:UserBurst"] = "100000",
            // Events reach the feed within a fraction of a second, and a stopped API's shards pass on within seconds.
            ["Events:PollInterval"] = "00:00:00.2",
            ["Events:LeaseDuration"] = "00:00:03",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        settings = all;
        ConsoleOutput.EnsureInstalled();
        UseKestrel(0);
    }

    /// <summary>Every log line this API instance wrote, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Logs.Archive("api-capture");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Trace);
        });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (replace is not null)
        {
            builder.ConfigureTestServices(replace);
        }
    }
}
