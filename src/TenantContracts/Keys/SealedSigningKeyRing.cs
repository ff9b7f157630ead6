namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// A tenant's signing key ring as stored: <see cref="Sealed"/> (AES-256-GCM) under a data key that the KEK named
/// <see cref="KekId"/> wrapped as <see cref="WrappedKey"/>. <see cref="Version"/> counts the writes.
/// </summary>
public sealed record SealedSigningKeyRing(string KekId, byte[] WrappedKey, byte[] Sealed, long Version, DateTimeOffset UpdatedAt);
