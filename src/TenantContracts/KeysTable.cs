namespace BudgetBuddy.TenantContracts;

/// <summary>
/// The tenant's user keys, one item per user (<c>PK = USER#&lt;userId&gt;</c>, <c>SK = USERKEY</c>), in a table of
/// their own that is kept out of every backup: no point-in-time recovery, never in an on-demand backup. A copy or
/// restore of the ledger therefore never brings back the key of a user erased since, and what was sealed under it
/// stays ciphertext nobody can open. The price: this table is the only copy of the keys, and losing it loses every
/// sealed field, so production tenants want <c>storage.deletionProtection</c> on.
/// </summary>
public static class KeysTable
{
    public const string PartitionKey = LedgerTable.PartitionKey;
    public const string SortKey = LedgerTable.SortKey;

    public static readonly TableDefinition Definition = new(PartitionKey, SortKey, [], null);
}
