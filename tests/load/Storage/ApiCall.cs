namespace BudgetBuddy.Load.Storage;

/// <summary>
/// A request of the scenarios as the API understands it once routed and validated: which endpoint, with which
/// arguments. The storage path reads one from each built request (<see cref="ApiCallReader"/>) and makes the DynamoDB
/// calls the API makes for it.
/// </summary>
internal abstract record ApiCall;

/// <summary><c>GET /v1/budgets/{month}</c>.</summary>
internal sealed record BudgetMonthRead(string Month) : ApiCall;

/// <summary><c>GET /v1/transactions</c>: one account's (GSI1) or all (GSI2), between two dates, after a page's last date key.</summary>
internal sealed record TransactionListRead(string? AccountId, DateOnly? From, DateOnly? To, int Limit, string? After) : ApiCall;

/// <summary><c>GET /v1/accounts</c>, first page.</summary>
internal sealed record AccountListRead : ApiCall;

/// <summary><c>GET /v1/changes?since=</c>: the change log after sequence <paramref name="Since"/>.</summary>
internal sealed record ChangesRead(long Since, int Limit) : ApiCall;

/// <summary><c>GET /v1/transactions/{id}</c>.</summary>
internal sealed record TransactionRead(string Id) : ApiCall;

/// <summary><c>GET /v1/reports/…?from=&amp;to=</c>.</summary>
internal sealed record ReportRead(ReportKind Kind, string FromMonth, string ToMonth) : ApiCall;

internal enum ReportKind
{
    SpendingByCategory,
    SpendingByMonth,
    IncomeExpense,
    NetWorth,
}

/// <summary><c>POST /v1/transactions</c>, a transfer when <paramref name="TransferAccountId"/> is set.</summary>
internal sealed record TransactionPost(
    string AccountId, DateOnly Date, long Amount, string? Payee, string? CategoryId, string? Memo, string? TransferAccountId) : ApiCall;

/// <summary><c>PATCH /v1/transactions/{id}</c> (merge patch; null leaves a field as it is).</summary>
internal sealed record TransactionPatch(string Id, string? CategoryId, string? Cleared, string? Memo) : ApiCall;

/// <summary><c>PUT /v1/budgets/{month}/categories/{categoryId}</c>.</summary>
internal sealed record BudgetAssign(string Month, string CategoryId, long Assigned) : ApiCall;

/// <summary><c>POST /v1/categories</c>.</summary>
internal sealed record CategoryPost(string Name, string Group, bool Hidden) : ApiCall;
