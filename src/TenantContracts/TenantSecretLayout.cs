namespace BudgetBuddy.TenantContracts;

/// <summary>
/// The keys of the tenant's Secret (<c>&lt;tenant&gt;-budgetbuddy</c> in Kubernetes, a folder of files locally). The
/// tenant's own auth service reads the private key from it to mint tokens for its users.
/// </summary>
public static class TenantSecretLayout
{
    /// <summary>The active ES256 private key, PKCS#8 PEM.</summary>
    public const string SigningKeyPem = "signing-key.pem";

    /// <summary>The <c>kid</c> to put in the header of tokens signed with <see cref="SigningKeyPem"/>.</summary>
    public const string SigningKeyId = "signing-key-id";

    /// <summary>When the active key was made (ISO 8601), to rotate it after <c>spec.signingKey.rotationDays</c>.</summary>
    public const string SigningKeyCreated = "signing-key-created";

    /// <summary>The key the active one replaced: its tokens still verify until <see cref="PreviousSigningKeyRetires"/>.</summary>
    public const string PreviousSigningKeyPem = "previous-signing-key.pem";

    public const string PreviousSigningKeyId = "previous-signing-key-id";

    /// <summary>When the previous key stops being published (ISO 8601): the end of the rotation's overlap window.</summary>
    public const string PreviousSigningKeyRetires = "previous-signing-key-retires";

    public static string SecretName(string tenantId) => $"{TenantId.Require(tenantId)}-budgetbuddy";
}
