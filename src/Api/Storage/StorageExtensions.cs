using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

internal static class StorageExtensions
{
    /// <summary>One DynamoDB client per process (it pools connections), configured from the <c>DynamoDb</c> section.</summary>
    public static IServiceCollection AddDynamoDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(DynamoDbSettings.Section).Get<DynamoDbSettings>() ?? new DynamoDbSettings();
        services.AddSingleton(settings);
        services.AddSingleton(settings.Tables);
        services.AddSingleton<IAmazonDynamoDB>(_ => settings.LocalCredentials() is { } local
            ? new InstrumentedDynamoDbClient(local, settings.ClientConfig())
            : new InstrumentedDynamoDbClient(settings.ClientConfig()));
        return services;
    }
}
