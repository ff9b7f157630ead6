using BudgetBuddy.Api.Transactions;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Retention;

public sealed class RetentionPolicyTests
{
    private static readonly RetentionPolicy Policy = new(TransactionsYears: 10, AuditYears: 3, ClosedAccountsYears: 2);

    private static readonly DateTimeOffset Written = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static long Epoch(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public void A_transaction_expires_at_the_start_of_its_date_n_years_on_in_utc()
    {
        Assert.Equal(Epoch(2036, 5, 4), Policy.TransactionExpiresAt(new DateOnly(2026, 5, 4), Written));
    }

    [Fact]
    public void A_transaction_already_past_its_retention_when_written_expires_at_once_not_never()
    {
        // Time to live ignores a stamp more than five years past; 2010 + 10 years would be one.
        Assert.Equal(Written.ToUnixTimeSeconds(), Policy.TransactionExpiresAt(new DateOnly(2010, 1, 15), Written));
    }

    [Fact]
    public void A_transaction_of_29_february_expires_on_28_february_of_a_common_year()
    {
        Assert.Equal(Epoch(2034, 2, 28), Policy.TransactionExpiresAt(new DateOnly(2024, 2, 29), Written));
    }

    [Fact]
    public void Audit_records_and_closed_accounts_count_from_their_instant_in_utc()
    {
        var written = new DateTimeOffset(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(Epoch(2029, 12, 7, 6, 30), Policy.AuditExpiresAt(written));
        Assert.Equal(Epoch(2028, 12, 7, 6, 30), Policy.ClosedAccountExpiresAt(written));
    }

    [Fact]
    public void An_expiry_past_year_9999_is_the_last_day_representable_instead_of_an_overflow()
    {
        var longest = new RetentionPolicy(RetentionPolicy.MaxYears, RetentionPolicy.MaxYears, RetentionPolicy.MaxYears);
        Assert.Equal(Epoch(9999, 12, 31), longest.TransactionExpiresAt(new DateOnly(9950, 1, 1), Written));
    }

    [Fact]
    public void The_spec_defaults_are_the_default_policy()
    {
        Assert.Equal(RetentionPolicy.Default, new RetentionSpec().ToPolicy());
        Assert.Equal(new RetentionPolicy(7, 7, 7), RetentionPolicy.Default);
    }

    [Fact]
    public void The_registry_item_carries_the_policy_and_an_item_without_one_reads_as_the_default()
    {
        var record = new TenantRecord("acme", TenantStatus.Active, "Acme", "l", "a", "{}", TenantPlan.Default,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1) { Retention = Policy };
        var item = TenantRecordItem.ToItem(record);

        Assert.Equal(Policy, TenantRecordItem.FromItem(item).Retention);
        Assert.False(record.SameStateAs(record with { Retention = RetentionPolicy.Default }));

        foreach (var name in item.Keys.Where(k => k.StartsWith("retention", StringComparison.Ordinal)).ToList())
        {
            item.Remove(name);
        }
        Assert.Equal(RetentionPolicy.Default, TenantRecordItem.FromItem(item).Retention);
    }

    [Fact]
    public void A_transaction_item_is_stamped_from_its_date()
    {
        var now = Written;
        var transaction = new Transaction("t1", "a1", new DateOnly(2026, 5, 4), -1250, "USD", null, null, null, ClearedState.Uncleared,
            null, null, null, null, Sensitive: false, now, now, 1);

        var item = TransactionItem.ToItem("alice", transaction, Policy);

        Assert.Equal(Epoch(2036, 5, 4).ToString(System.Globalization.CultureInfo.InvariantCulture), item[LedgerTable.ExpiresAt].N);
    }
}
