using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Encryption;

internal static class EncryptionExtensions
{
    /// <summary>
    /// The KEK from the <c>Encryption</c> section (the same settings as the operator's), the API's own settings in that
    /// section, the keyring, the users' keys and the crypto.
    /// </summary>
    public static IServiceCollection AddTenantEncryption(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KeyEncryptionKeyOptions.Section);
        services.AddOptions<KeyEncryptionKeyOptions>()
            .Bind(section)
            .Validate(o => o.NamesKnownProvider, $"Encryption:KeyProvider must be '{KeyEncryptionKeyOptions.Local}' or '{KeyEncryptionKeyOptions.Kms}'.")
            .Validate(o => !o.UsesKms || !string.IsNullOrWhiteSpace(o.KmsKeyId), "Encryption:KeyProvider is Kms but Encryption:KmsKeyId (the key's ARN) is not set.")
            .ValidateOnStart();
        services.AddOptions<EncryptionOptions>()
            .Bind(section)
            .Validate(o => o.DataKeyCacheTtl >= TimeSpan.Zero, "Encryption:DataKeyCacheTtl must not be negative.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KeyEncryptionKeyOptions>>().Value
            .Create(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value.Region));
        services.AddSingleton<TenantKeyring>();
        services.AddSingleton<UserKeys>();
        services.AddSingleton<TenantCrypto>();
        return services;
    }
}
