namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>
/// One of a tenant's data keys as stored: wrapped by the KEK named <see cref="KekId"/>. Encryption keys
/// (<see cref="DataKeyPurpose.Encryption"/>) rotate: the newest encrypts, every one decrypts what it encrypted. The
/// fingerprint key (<see cref="DataKeyPurpose.Fingerprint"/>) never rotates, so equal card numbers keep equal
/// fingerprints.
/// </summary>
public sealed record TenantDataKey(string Id, DataKeyPurpose Purpose, string KekId, byte[] Wrapped, DateTimeOffset CreatedAt);
