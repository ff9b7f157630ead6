namespace BudgetBuddy.TenantContracts.Audit;

/// <summary>
/// Where a tenant's chain ends: its last sequence and hash (0 and the genesis hash before the first record), and
/// the latest expiry stamped on a chained record (0 when none carries one).
/// </summary>
public readonly record struct AuditHead(long Sequence, string Hash, long ExpiresAtFloor)
{
    public static readonly AuditHead Genesis = new(0, AuditHash.Genesis, 0);
}
