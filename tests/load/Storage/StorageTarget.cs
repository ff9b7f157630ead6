using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Seeding;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The raw storage path: the seeded tenants' tables in DynamoDB, loaded with the calls the API makes for each request,
/// straight through one SDK client configured as the API's. Its calls are counted here, as the API counts its own.
/// </summary>
internal sealed class StorageTarget : ILoadTarget, IAsyncDisposable
{
    private readonly string url;
    private readonly TenantTables tables;
    private readonly CallCounter counter = new();
    private readonly CountedDynamoDbClient dynamo;
    private readonly StorageSession session;

    public StorageTarget(string dynamoDbUrl, string tablePrefix, int? maxConnections, TimeSpan requestTimeout)
    {
        url = dynamoDbUrl;
        var settings = new DynamoDbSettings { ServiceUrl = dynamoDbUrl, TablePrefix = tablePrefix, MaxConnections = maxConnections };
        tables = settings.Tables;
        dynamo = new CountedDynamoDbClient(settings.LocalCredentials() ?? new BasicAWSCredentials("local", "local"), settings.ClientConfig(), counter);
        session = new StorageSession(dynamo, TimeProvider.System);
        Sender = new StorageSender(session, tables, requestTimeout);
    }

    public string Name => $"dynamodb-direct:{url}";

    public string? Note =>
        "The raw storage path: for each request the DynamoDB calls the API makes for it, sent straight through the AWS SDK "
        + "(no HTTP, no authentication, no JSON, no encryption), to be compared with the API's run of the same scenario, rate and seed.";

    public string ResultsSuffix => "-storage";

    public IRequestSender Sender { get; }

    /// <summary>Every seeded tenant's ledger and audit table must be there and active.</summary>
    public async Task RequireReadyAsync(SeedManifest seed, TimeSpan runLength, CancellationToken ct)
    {
        foreach (var table in seed.Tenants.SelectMany(t => new[] { tables.Ledger(t), tables.Audit(t) }))
        {
            try
            {
                var status = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct)).Table.TableStatus;
                if (status != TableStatus.ACTIVE)
                {
                    throw new BenchmarkFailedException($"table {table} is {status}, not ACTIVE.");
                }
            }
            catch (ResourceNotFoundException e)
            {
                throw new BenchmarkFailedException($"table {table} of the seed does not exist at {url}: seed with the same --dynamodb and --table-prefix.", e);
            }
            catch (Exception e) when (e is AmazonClientException or HttpRequestException)
            {
                throw new BenchmarkFailedException($"{url} does not answer: {e.Message}", e);
            }
        }
    }

    public Task<DynamoDbCallCounts> ReadCallsAsync(CancellationToken ct) => Task.FromResult(counter.Snapshot());

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        dynamo.Dispose();
    }
}
