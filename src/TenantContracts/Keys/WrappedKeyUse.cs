namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// What a key wrapped by the KEK is for; bound into the wrapping (the KMS encryption context, the local KEK's
/// associated data), so a key wrapped for one use never unwraps as another. The API's grants cover
/// <see cref="DataKey"/> only: it can open the tenant's data, never its signing keys.
/// </summary>
public enum WrappedKeyUse
{
    /// <summary>A data key for field encryption or card fingerprints (the API unwraps these).</summary>
    DataKey,

    /// <summary>The key that seals the tenant's signing key ring (only the operator unwraps it).</summary>
    SigningKeys,
}
