namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>What a tenant data key is for.</summary>
public enum DataKeyPurpose
{
    /// <summary>AES-256-GCM of card numbers and sensitive fields; rotates.</summary>
    Encryption,

    /// <summary>HMAC-SHA-256 fingerprints of card numbers, to find duplicates without decrypting; never rotates.</summary>
    Fingerprint,
}
