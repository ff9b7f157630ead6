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

    public static string SecretName(string tenantId) => $"{TenantId.Require(tenantId)}-budgetbuddy";
}
