using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;

namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// Which KEK the API and the operator use (configuration section <c>Encryption</c>): both must name the same one, or
/// the API cannot unwrap the data keys the operator made. <c>Kms</c> in production; <c>Local</c> (a key file) for
/// development and tests.
/// </summary>
public sealed class KeyEncryptionKeyOptions
{
    public const string Section = "Encryption";

    public const string Local = "Local";

    public const string Kms = "Kms";

    /// <summary><see cref="Local"/> or <see cref="Kms"/>.</summary>
    public string KeyProvider { get; set; } = Local;

    /// <summary>The local KEK file (created on first use when missing).</summary>
    public string LocalKeyFile { get; set; } = Path.Combine(".data", "kek.key");

    /// <summary>The KMS key's ARN (or alias ARN) when <see cref="KeyProvider"/> is <see cref="Kms"/>.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>A KMS endpoint other than AWS's, e.g. a local emulator; empty for AWS.</summary>
    public string? KmsServiceUrl { get; set; }

    /// <summary>Whether <see cref="KeyProvider"/> is <see cref="Local"/> or <see cref="Kms"/> (in any case).</summary>
    public bool NamesKnownProvider => IsLocal || UsesKms;

    /// <summary>Whether <see cref="KeyProvider"/> is <see cref="Kms"/> (in any case).</summary>
    public bool UsesKms => string.Equals(KeyProvider, Kms, StringComparison.OrdinalIgnoreCase);

    private bool IsLocal => string.Equals(KeyProvider, Local, StringComparison.OrdinalIgnoreCase);

    /// <summary>The KEK these settings name; <paramref name="region"/> is the AWS region for KMS.</summary>
    /// <exception cref="InvalidOperationException">The settings are incomplete or name an unknown provider.</exception>
    public IKeyEncryptionKey Create(string region)
    {
        if (IsLocal)
        {
            return LocalKeyEncryptionKey.LoadOrCreate(LocalKeyFile);
        }
        if (!UsesKms)
        {
            throw new InvalidOperationException($"Encryption:KeyProvider must be '{Local}' or '{Kms}', not '{KeyProvider}'.");
        }
        if (string.IsNullOrWhiteSpace(KmsKeyId))
        {
            throw new InvalidOperationException("Encryption:KeyProvider is Kms but Encryption:KmsKeyId (the key's ARN) is not set.");
        }
        if (string.IsNullOrWhiteSpace(KmsServiceUrl))
        {
            // The default credential chain: IRSA on EKS.
            return new KmsKeyEncryptionKey(new AmazonKeyManagementServiceClient(RegionEndpoint.GetBySystemName(region)), KmsKeyId);
        }
        // An emulator takes any credentials, as DynamoDB Local does.
        var config = new AmazonKeyManagementServiceConfig { ServiceURL = KmsServiceUrl, AuthenticationRegion = region };
        return new KmsKeyEncryptionKey(new AmazonKeyManagementServiceClient(new BasicAWSCredentials("local", "local"), config), KmsKeyId);
    }
}
