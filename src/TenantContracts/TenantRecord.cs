namespace BudgetBuddy.TenantContracts;

/// <summary>
/// The registry item for one tenant: everything the API needs to serve it. <see cref="SigningKeys"/> is a JWK Set
/// (RFC 7517) of public keys; during a rotation it holds the new and the old key so tokens minted with either verify.
/// </summary>
public sealed record TenantRecord(
    string TenantId,
    TenantStatus Status,
    string DisplayName,
    string LedgerTable,
    string AuditTable,
    string SigningKeys,
    TenantPlan Plan,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>
    /// The table of the tenant's user keys (<see cref="TenantContracts.KeysTable"/>); null in a record the operator
    /// has not rewritten since it had one, whose user keys are then kept in the ledger table.
    /// </summary>
    public string? KeysTable { get; init; }

    /// <summary>Where the tenant's user keys are: its keys table, or the ledger table for a record without one.</summary>
    public string UserKeysTable => KeysTable ?? LedgerTable;

    /// <summary>How long the tenant keeps its data; the API stamps what it writes with it.</summary>
    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Default;

    /// <summary>True when both records describe the same desired state (timestamps and version aside).</summary>
    public bool SameStateAs(TenantRecord other) =>
        TenantId == other.TenantId
        && Status == other.Status
        && DisplayName == other.DisplayName
        && LedgerTable == other.LedgerTable
        && AuditTable == other.AuditTable
        && KeysTable == other.KeysTable
        && SigningKeys == other.SigningKeys
        && Plan == other.Plan
        && Retention == other.Retention;
}
