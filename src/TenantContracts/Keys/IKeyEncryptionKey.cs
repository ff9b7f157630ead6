namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// The key-encryption key (KEK) of envelope encryption: it makes and unwraps each tenant's data keys and never leaves
/// its store (KMS in production, a local key file in development and tests). A wrapped data key is bound to its
/// tenant, so one tenant's wrapped key cannot be unwrapped as another's.
/// </summary>
public interface IKeyEncryptionKey
{
    /// <summary>Names this KEK (a KMS key ARN, or <c>local:</c> and a thumbprint); kept beside each wrapped key.</summary>
    string Id { get; }

    /// <summary>A fresh 256-bit data key for <paramref name="tenantId"/>, in plaintext and wrapped by this KEK.</summary>
    Task<GeneratedDataKey> GenerateDataKeyAsync(string tenantId, CancellationToken ct);

    /// <summary>The plaintext of a data key this KEK wrapped for <paramref name="tenantId"/>.</summary>
    /// <exception cref="KeyUnwrapException">The key was wrapped by another KEK, for another tenant, or was altered.</exception>
    Task<byte[]> UnwrapAsync(string tenantId, byte[] wrapped, CancellationToken ct);

    /// <summary>A fresh 256-bit key for <paramref name="tenantId"/> and <paramref name="use"/>, in plaintext and wrapped.</summary>
    Task<GeneratedDataKey> GenerateDataKeyAsync(string tenantId, WrappedKeyUse use, CancellationToken ct);

    /// <summary>The plaintext of a key this KEK wrapped for <paramref name="tenantId"/> and <paramref name="use"/>.</summary>
    /// <exception cref="KeyUnwrapException">Wrapped by another KEK, for another tenant or use, or altered.</exception>
    Task<byte[]> UnwrapAsync(string tenantId, WrappedKeyUse use, byte[] wrapped, CancellationToken ct);
}
