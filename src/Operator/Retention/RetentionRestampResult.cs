namespace BudgetBuddy.Operator.Retention;

/// <summary>What a <see cref="RetentionRestamp"/> pass changed.</summary>
/// <param name="Skipped">Ledger items the API changed while the pass ran; the API stamped them itself.</param>
/// <param name="ChainMoved">Records were chained while the pass ran: run it again so they are stamped in order too.</param>
internal sealed record RetentionRestampResult(int Transactions, int ClosedAccounts, int AuditRecords, int Skipped, bool ChainMoved);
