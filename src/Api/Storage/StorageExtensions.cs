using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Storage;

internal static class StorageExtensions
{
    /// <summary>
    /// One DynamoDB client per process (it pools connections), configured from the <c>DynamoDb</c> section, and the
    /// ledger's shared machinery every feature writes through: user items, the per-user write gate and change log, commits.
    /// </summary>
    public static IServiceCollection AddDynamoDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked at start, not at the first call: a setting the SDK would refuse stops the pod from starting.
        services.AddOptions<DynamoDbOptions>()
            .Bind(configuration.GetSection(DynamoDbOptions.Section))
            .Validate(o => o.MaxConnections is null or >= 1, "DynamoDb:MaxConnections must be at least 1, or unset for no limit.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "DynamoDb:Timeout must be above zero.")
            .Validate(o => o.MaxErrorRetry >= 0, "DynamoDb:MaxErrorRetry must not be negative.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value.Tables);
        services.AddSingleton<IAmazonDynamoDB>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value;
            return options.LocalCredentials() is { } local
                ? new InstrumentedDynamoDbClient(local, options.ClientConfig())
                : new InstrumentedDynamoDbClient(options.ClientConfig());
        });
        services.AddSingleton<UserItems>();
        services.AddSingleton<UserWriteGate>();
        services.AddSingleton<ChangeLogHeads>();
        services.AddSingleton<LedgerCommitter>();
        services.AddSingleton<VersionedItems>();
        return services;
    }
}
