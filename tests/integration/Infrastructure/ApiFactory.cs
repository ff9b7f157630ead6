using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>The real API on Kestrel, on a free port, pointed at a DynamoDB endpoint and a table prefix of the test's own.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public ApiFactory(string dynamoDbUrl, string tablePrefix, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DynamoDb:ServiceUrl"] = dynamoDbUrl,
            ["DynamoDb:TablePrefix"] = tablePrefix,
            ["Encryption:LocalKeyFile"] = TestKek.FilePath,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        settings = all;
        UseKestrel(0);
    }

    /// <summary>Every log line this API instance wrote, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

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
    }
}
