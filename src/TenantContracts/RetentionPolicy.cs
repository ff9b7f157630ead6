namespace BudgetBuddy.TenantContracts;

/// <summary>
/// How long a tenant keeps its data, as its BudgetBuddyTenant spec states it and the registry publishes it. The API
/// stamps each item it writes with the epoch second after which DynamoDB's time to live may delete it
/// (<see cref="LedgerTable.ExpiresAt"/>, <see cref="AuditTable.ExpiresAt"/>); a changed policy applies to items
/// written afterwards.
/// </summary>
/// <param name="TransactionsYears">Years a transaction is kept after its date.</param>
/// <param name="AuditYears">Years an audit record is kept after it was written.</param>
/// <param name="ClosedAccountsYears">Years a closed account is kept after it was closed.</param>
public sealed record RetentionPolicy(int TransactionsYears, int AuditYears, int ClosedAccountsYears)
{
    public const int DefaultYears = 7;
    public const int MinYears = 1;
    public const int MaxYears = 100;

    /// <summary>Seven years of everything: the longest record-keeping most banking rules ask for.</summary>
    public static readonly RetentionPolicy Default = new(DefaultYears, DefaultYears, DefaultYears);

    /// <summary>
    /// Epoch seconds at which a transaction dated <paramref name="date"/> expires: the start of that day, N years on
    /// (UTC), but never before <paramref name="writtenAt"/>. DynamoDB's time to live ignores a time more than five years
    /// past, so a transaction already beyond its retention when written (an old statement imported) would otherwise
    /// never go; stamped with the time of writing, it goes at once.
    /// </summary>
    public long TransactionExpiresAt(DateOnly date, DateTimeOffset writtenAt) =>
        Math.Max(EpochSeconds(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), TransactionsYears), writtenAt.ToUnixTimeSeconds());

    /// <summary>Epoch seconds at which an audit record written at <paramref name="time"/> expires.</summary>
    public long AuditExpiresAt(DateTimeOffset time) => EpochSeconds(time.UtcDateTime, AuditYears);

    /// <summary>Epoch seconds at which an account closed at <paramref name="closedAt"/> expires.</summary>
    public long ClosedAccountExpiresAt(DateTimeOffset closedAt) => EpochSeconds(closedAt.UtcDateTime, ClosedAccountsYears);

    public override string ToString() =>
        $"transactions {TransactionsYears} years after their date, audit records {AuditYears} years, closed accounts {ClosedAccountsYears} years after closing";

    // AddYears keeps the calendar date (29 February becomes 28 February); past year 9999 the item simply never expires.
    private static long EpochSeconds(DateTime start, int years) =>
        start.Year + years > DateTime.MaxValue.Year
            ? new DateTimeOffset(DateTime.MaxValue.Date, TimeSpan.Zero).ToUnixTimeSeconds()
            : new DateTimeOffset(start.AddYears(years), TimeSpan.Zero).ToUnixTimeSeconds();
}
