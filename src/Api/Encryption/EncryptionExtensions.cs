using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Api.Encryption;

internal static class EncryptionExtensions
{
    /// <summary>The KEK from the <c>Encryption</c> section (the same settings as the operator's), the keyring and the crypto.</summary>
    public static IServiceCollection AddTenantEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KeyEncryptionKeySettings.Section);
        var kekSettings = section.Get<KeyEncryptionKeySettings>() ?? new KeyEncryptionKeySettings();
        var region = configuration.GetSection(DynamoDbSettings.Section).Get<DynamoDbSettings>()?.Region ?? new DynamoDbSettings().Region;
        services.Configure<EncryptionOptions>(section);
        services.AddSingleton(_ => kekSettings.Create(region));
        services.AddSingleton<TenantKeyring>();
        services.AddSingleton<TenantCrypto>();
        return services;
    }
}
