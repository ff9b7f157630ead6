using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Tokens;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// A fresh tenant for one run (<c>bench-&lt;random&gt;</c>, or another prefix), provisioned with the operator's own library, and
/// tokens for its users signed with its key, as the tenant's auth service would sign them.
/// </summary>
internal sealed class BenchTenant(string id, TenantTokenIssuer issuer)
{
    /// <summary>Long enough for a whole run, seeding included.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(6);

    public string Id { get; } = id;

    public static async Task<BenchTenant> ProvisionAsync(string dynamoDbUrl, string tablePrefix, string secretsDir, CancellationToken ct) =>
        await ProvisionAsync(dynamoDbUrl, tablePrefix, secretsDir, "bench", TenantPlan.Default, ct);

    /// <param name="idPrefix">The tenant's id is <c>&lt;idPrefix&gt;-&lt;8 hex digits&gt;</c>.</param>
    /// <param name="plan">The tenant's request allowance, which the API's per-tenant rate limiter enforces.</param>
    public static async Task<BenchTenant> ProvisionAsync(
        string dynamoDbUrl, string tablePrefix, string secretsDir, string idPrefix, TenantPlan plan, CancellationToken ct)
    {
        var settings = new DynamoDbOptions { ServiceUrl = dynamoDbUrl, TablePrefix = tablePrefix };
        using var dynamo = new AmazonDynamoDBClient(settings.LocalCredentials(), settings.ClientConfig());
        var secrets = new LocalTenantSecretStore(secretsDir);
        var id = $"{idPrefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        // The API under test must read the same KEK: the benchmark scripts set Encryption__LocalKeyFile for both.
        var kek = new KeyEncryptionKeyOptions
        {
            LocalKeyFile = Environment.GetEnvironmentVariable("Encryption__LocalKeyFile") ?? Path.Combine(secretsDir, "kek.key"),
        }.Create(settings.Region);
        var provisioner = new TenantProvisioner(dynamo, settings.Tables, secrets, kek, TimeProvider.System);
        var report = await provisioner.ProvisionUntilReadyAsync(new TenantRequest(id, "Benchmark tenant", plan), TimeSpan.FromMinutes(1), ct);
        if (!report.Ready)
        {
            throw new BenchmarkFailedException($"tenant {id} did not become ready: {string.Join("; ", report.WaitingFor)}");
        }
        return new BenchTenant(id, new TenantTokenIssuer(secrets, TimeProvider.System));
    }

    /// <summary>A tenant the operator provisioned, whose Secret is mounted (or copied) into <c>&lt;secretsDir&gt;/&lt;id&gt;/</c>.</summary>
    public static BenchTenant FromSecret(string id, string secretsDir) =>
        new(TenantId.Require(id), new TenantTokenIssuer(new LocalTenantSecretStore(secretsDir), TimeProvider.System));

    public Task<string> TokenAsync(string userId, CancellationToken ct) => TokenAsync(userId, TokenLifetime, ct);

    public Task<string> TokenAsync(string userId, TimeSpan lifetime, CancellationToken ct) =>
        TokenAsync(userId, [Scopes.BudgetRead, Scopes.BudgetWrite], lifetime, ct);

    /// <summary>A token with other scopes: the tenant's back office (<c>admin</c>) registering a webhook.</summary>
    public Task<string> TokenAsync(string userId, IReadOnlyList<string> scopes, TimeSpan lifetime, CancellationToken ct) =>
        issuer.IssueAsync(new TokenRequest(Id, userId, scopes, lifetime, TokenContract.DefaultIssuer, TokenContract.DefaultAudience), ct);
}
