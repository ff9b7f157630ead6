using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

internal static class StorageExtensions
{
    /// <summary>
    /// One DynamoDB client per process (it pools connections), configured from the <c>DynamoDb</c> section, and the
    /// ledger's shared machinery every feature writes through: user items, the per-user write gate and change log, commits.
    /// </summary>
    public static IServiceCollection AddDynamoDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DynamoDbSettings.Section).Get<DynamoDbSettings>() ?? new DynamoDbSettings();
        // Built once here, not at the first call: a setting the SDK refuses stops the pod from starting.
        var config = settings.ClientConfig();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Tables);
        services.AddSingleton<IAmazonDynamoDB>(_ => settings.LocalCredentials() is { } local
            ? new InstrumentedDynamoDbClient(local, config)
            : new InstrumentedDynamoDbClient(config));
        services.AddSingleton<UserItems>();
        services.AddSingleton<UserWriteGate>();
        services.AddSingleton<ChangeLogHeads>();
        services.AddSingleton<LedgerCommitter>();
        services.AddSingleton<VersionedItems>();
        return services;
    }
}
