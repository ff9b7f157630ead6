using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace BudgetBuddy.TenantContracts;

/// <summary>
/// Where the tables live. With <see cref="ServiceUrl"/> set (DynamoDB Local) static dummy credentials are used;
/// without it the SDK's default chain applies (IRSA on EKS).
/// </summary>
public sealed class DynamoDbOptions
{
    public const string Section = "DynamoDb";

    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string TablePrefix { get; set; } = TenantTables.DefaultPrefix;

    /// <summary>Per-attempt HTTP timeout; keeps a stalled endpoint from hanging requests and health checks.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>Connections to the endpoint at most, hence calls in flight at once; null leaves the SDK's default (no limit).</summary>
    public int? MaxConnections { get; set; }

    public TenantTables Tables => new(TablePrefix);

    public AmazonDynamoDBConfig ClientConfig()
    {
        if (MaxConnections is < 1)
        {
            // HttpClient would refuse it only at the first call; a misconfigured pod should not start.
            throw new InvalidOperationException($"{Section}:MaxConnections must be at least 1, or unset for no limit; it is {MaxConnections}.");
        }
        var config = new AmazonDynamoDBConfig
        {
            Timeout = Timeout,
            MaxErrorRetry = MaxErrorRetry,
            RegionEndpoint = RegionEndpoint.GetBySystemName(Region),
            MaxConnectionsPerServer = MaxConnections,
        };
        if (!string.IsNullOrWhiteSpace(ServiceUrl))
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region;
        }
        return config;
    }

    /// <summary>A plain client for these settings (the API builds its own, instrumented one from the same parts).</summary>
    public AmazonDynamoDBClient CreateClient() =>
        LocalCredentials() is { } local ? new AmazonDynamoDBClient(local, ClientConfig()) : new AmazonDynamoDBClient(ClientConfig());

    public AWSCredentials? LocalCredentials() =>
        string.IsNullOrWhiteSpace(ServiceUrl) ? null : new BasicAWSCredentials("local", "local");
}
