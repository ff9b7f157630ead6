using System.Net.Http.Headers;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using BudgetBuddy.IntegrationTests.Infrastructure.Contract;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// One API instance per test class on the shared DynamoDB Local, with a table prefix of its own so classes running in
/// parallel never see each other's tenants. Tenants are provisioned with the real provisioning library.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    private readonly string secretsDirectory = Path.Combine(Path.GetTempPath(), "budgetbuddy-tests", Guid.NewGuid().ToString("N"));

    public string TablePrefix { get; } = $"t{Guid.NewGuid():N}"[..13] + "-";

    public TenantTables Tables => new(TablePrefix);

    public DynamoDbLocal Dynamo { get; private set; } = null!;

    public ApiFactory Factory { get; private set; } = null!;

    public AmazonDynamoDBClient DynamoClient { get; private set; } = null!;

    /// <summary>What the contract check saw of this fixture's exchanges.</summary>
    public ContractLedger Contract { get; } = new();

    private Task<ServedContract>? servedContract;
    private Uri? serverAddress;

    public LocalTenantSecretStore Secrets => new(secretsDirectory);

    public TenantProvisioner Provisioner => new(DynamoClient, Tables, Secrets, TestKek.Key, TimeProvider.System);

    public virtual async Task InitializeAsync()
    {
        Dynamo = await StartDynamoAsync();
        DynamoClient = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = Dynamo.ServiceUrl });
        Factory = new ApiFactory(Dynamo.ServiceUrl, TablePrefix, ApiSettings, ApiServices);
        Factory.StartServer();
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        // A test that caught the exception still broke the contract.
        Assert.True(Contract.Violations.Count == 0, "The API broke its OpenAPI document:" + Environment.NewLine + string.Join(Environment.NewLine, Contract.Violations));
        DynamoClient.Dispose();
        if (Directory.Exists(secretsDirectory))
        {
            Directory.Delete(secretsDirectory, recursive: true);
        }
    }

    protected virtual Task<DynamoDbLocal> StartDynamoAsync() => DynamoDbLocal.SharedAsync();

    /// <summary>Settings of this fixture's API beyond the DynamoDB endpoint and table prefix.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? ApiSettings => null;

    /// <summary>Services of the API the fixture stands in for; none by default.</summary>
    protected virtual Action<IServiceCollection>? ApiServices => null;

    public async Task<ProvisioningReport> ProvisionAsync(string tenant, bool suspended = false)
    {
        var report = await Provisioner.ProvisionUntilReadyAsync(new TenantRequest(tenant, Suspended: suspended), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(report.Ready, string.Join("; ", report.WaitingFor));
        return report;
    }

    public async Task<SigningKey> SigningKeyOf(string tenant)
    {
        var secret = await Secrets.ReadAsync(tenant, CancellationToken.None) ?? throw new InvalidOperationException($"tenant {tenant} not provisioned");
        return SigningKey.FromPem(Encoding.UTF8.GetString(secret[TenantSecretLayout.SigningKeyPem]));
    }

    public async Task<string> TokenAsync(TokenSpec spec)
    {
        using var key = await SigningKeyOf(spec.Tenant);
        return TestTokens.Sign(spec, key);
    }

    public Task<string> TokenAsync(string tenant, string user) => TokenAsync(new TokenSpec(tenant, user));

    /// <summary>
    /// An HTTP client of the running API, sending <paramref name="token"/> when given. Every exchange is checked against
    /// the OpenAPI document the API serves (<see cref="ContractCheckingHandler"/>).
    /// </summary>
    public HttpClient Client(string? token = null)
    {
        serverAddress ??= Factory.CreateClient().BaseAddress;
        var client = Factory.CreateDefaultClient(serverAddress!, new ContractCheckingHandler(ServedContractAsync, Contract));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task<HttpClient> ClientAsync(string tenant, string user) => Client(await TokenAsync(tenant, user));

    /// <summary>The document this fixture's API serves, read once, without the check (it is what the check reads).</summary>
    public Task<ServedContract> ServedContractAsync() => servedContract ??= ReadServedContractAsync();

    private async Task<ServedContract> ReadServedContractAsync()
    {
        using var raw = Factory.CreateClient();
        return ServedContracts.For(await raw.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
    }
}
