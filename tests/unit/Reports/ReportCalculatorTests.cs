using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Reports;

namespace BudgetBuddy.UnitTests.Reports;

public sealed class ReportCalculatorTests
{
    private const string Food = "food";
    private const string Rent = "rent";

    private static readonly Category[] Categories = [Category(Food, "Food", "Everyday"), Category(Rent, "Rent", "Bills")];

    private static readonly ReportRange FirstQuarter = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1));

    private static BudgetEntry Bucket(string month, string bucket, long activity, string currency = "USD", long assigned = 0) =>
        new(month, currency, bucket, assigned, activity);

    private static Category Category(string id, string name, string group) =>
        new(id, name, group, Hidden: false, Sensitive: false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Version: 1);

    private static Account Account(string currency, long opening, bool closed = false) =>
        new(Guid.NewGuid().ToString("N"), "Account", AccountType.Checking, currency, opening, opening, closed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Version: 1);

    [Fact]
    public void Spending_by_month_lists_every_month_of_the_range_with_zero_for_months_without_spending()
    {
        var report = ReportCalculator.SpendingByMonth(FirstQuarter, "USD", [Bucket("2026-02", Food, -4_000)]);

        Assert.Equal(["2026-01", "2026-02", "2026-03"], report.Rows.Select(r => r.Month));
        Assert.Equal([0L, 4_000L, 0L], report.Rows.Select(r => r.Amount));
        Assert.Equal(4_000, report.Total);
        Assert.Equal(("2026-01", "2026-03", "USD", "month"), (report.From, report.To, report.Currency, report.GroupBy));
    }

    [Fact]
    public void A_refund_into_a_category_offsets_its_spending_even_in_a_later_month()
    {
        var buckets = new[] { Bucket("2026-01", Food, -10_000), Bucket("2026-02", Food, 2_500) };

        var byCategory = ReportCalculator.SpendingByCategory(FirstQuarter, "USD", buckets, Categories);
        var byMonth = ReportCalculator.SpendingByMonth(FirstQuarter, "USD", buckets);

        var food = Assert.Single(byCategory.Rows);
        Assert.Equal(7_500, food.Amount);
        Assert.Equal(7_500, byCategory.Total);
        Assert.Equal([10_000L, -2_500L, 0L], byMonth.Rows.Select(r => r.Amount));
    }

    [Fact]
    public void Income_and_transfers_are_not_spending()
    {
        var buckets = new[]
        {
            Bucket("2026-01", BucketKey.Income, 300_000),
            Bucket("2026-01", BucketKey.Transfer, -50_000),
            Bucket("2026-01", Rent, -120_000),
        };

        var report = ReportCalculator.SpendingByCategory(FirstQuarter, "USD", buckets, Categories);

        var rent = Assert.Single(report.Rows);
        Assert.Equal((Rent, "Rent", "Bills", 120_000L), (rent.CategoryId, rent.Name, rent.Group, rent.Amount));
        Assert.Equal(120_000, report.Total);
        Assert.Equal(120_000, ReportCalculator.IncomeExpense(FirstQuarter, "USD", buckets).Totals.Expense);
    }

    [Fact]
    public void Uncategorised_outflow_is_a_row_of_its_own_without_name_or_group_and_rows_are_sorted_by_amount()
    {
        var buckets = new[]
        {
            Bucket("2026-01", Food, -3_000),
            Bucket("2026-02", BucketKey.Uncategorized, -5_000),
            Bucket("2026-03", Rent, -120_000),
        };

        var report = ReportCalculator.SpendingByCategory(FirstQuarter, "USD", buckets, Categories);

        Assert.Equal([Rent, BucketKey.Uncategorized, Food], report.Rows.Select(r => r.CategoryId));
        var uncategorized = report.Rows[1];
        Assert.Null(uncategorized.Name);
        Assert.Null(uncategorized.Group);
        Assert.Equal(5_000, uncategorized.Amount);
        Assert.Equal(128_000, report.Total);
        Assert.Equal("category", report.GroupBy);
    }

    [Fact]
    public void A_category_with_money_only_assigned_is_no_row_and_a_deleted_category_keeps_its_spending_without_a_name()
    {
        var buckets = new[] { Bucket("2026-01", Food, 0, assigned: 20_000), Bucket("2026-01", "gone", -1_000) };

        var report = ReportCalculator.SpendingByCategory(FirstQuarter, "USD", buckets, Categories);

        var gone = Assert.Single(report.Rows);
        Assert.Equal(("gone", (string?)null, 1_000L), (gone.CategoryId, gone.Name, gone.Amount));
    }

    [Fact]
    public void Months_outside_the_range_do_not_count()
    {
        var buckets = new[] { Bucket("2025-12", Food, -1_000), Bucket("2026-04", Food, -2_000), Bucket("2026-03", Food, -4_000) };

        Assert.Equal(4_000, ReportCalculator.SpendingByCategory(FirstQuarter, "USD", buckets, Categories).Total);
        Assert.Equal(4_000, ReportCalculator.SpendingByMonth(FirstQuarter, "USD", buckets).Total);
        Assert.Equal(4_000, ReportCalculator.IncomeExpense(FirstQuarter, "USD", buckets).Totals.Expense);
    }

    [Fact]
    public void Income_expense_nets_uncategorised_income_against_spending_month_by_month_with_zero_months_included()
    {
        var buckets = new[]
        {
            Bucket("2026-01", BucketKey.Income, 300_000),
            Bucket("2026-01", Rent, -120_000),
            Bucket("2026-01", BucketKey.Uncategorized, -5_000),
            Bucket("2026-01", BucketKey.Transfer, 40_000),
            Bucket("2026-03", Food, -30_000),
            Bucket("2026-03", Food, 0, assigned: 50_000),
        };

        var report = ReportCalculator.IncomeExpense(FirstQuarter, "USD", buckets);

        Assert.Equal(
            [new IncomeExpenseMonth("2026-01", 300_000, 125_000, 175_000), new IncomeExpenseMonth("2026-02", 0, 0, 0), new IncomeExpenseMonth("2026-03", 0, 30_000, -30_000)],
            report.Months);
        Assert.Equal(new IncomeExpenseTotals(300_000, 155_000, 145_000), report.Totals);
    }

    [Fact]
    public void Other_currencies_never_count_in_home_currency_reports()
    {
        var buckets = new[]
        {
            Bucket("2026-01", Food, -4_000),
            Bucket("2026-01", Food, -7_000, "EUR"),
            Bucket("2026-01", BucketKey.Income, 90_000, "EUR"),
            Bucket("2026-01", BucketKey.Uncategorized, -1_000, "EUR"),
        };

        Assert.Equal(4_000, ReportCalculator.SpendingByCategory(FirstQuarter, "USD", buckets, Categories).Total);
        Assert.Equal(4_000, ReportCalculator.SpendingByMonth(FirstQuarter, "USD", buckets).Total);
        Assert.Equal(new IncomeExpenseTotals(0, 4_000, -4_000), ReportCalculator.IncomeExpense(FirstQuarter, "USD", buckets).Totals);
        Assert.Equal(8_000, ReportCalculator.SpendingByCategory(FirstQuarter, "EUR", buckets, Categories).Total);
    }

    [Fact]
    public void Net_worth_counts_opening_balances_of_closed_accounts_too_and_every_bucket_from_the_beginning()
    {
        Account[] accounts = [Account("USD", 100_000), Account("USD", 5_000, closed: true)];
        var buckets = new[]
        {
            Bucket("2025-06", BucketKey.Income, 10_000),
            Bucket("2026-01", Food, -4_000),
            Bucket("2026-01", BucketKey.Uncategorized, -1_000),
            // A transfer into another currency's account leaves this currency's net worth.
            Bucket("2026-03", BucketKey.Transfer, -11_000),
            Bucket("2026-03", BucketKey.Income, 2_000),
        };

        var report = ReportCalculator.NetWorth(FirstQuarter, "USD", buckets, accounts);

        Assert.Equal([new NetWorthMonth("2026-01", 110_000), new NetWorthMonth("2026-02", 110_000), new NetWorthMonth("2026-03", 101_000)], report.Months);
        Assert.Empty(report.OtherCurrencies);
    }

    [Fact]
    public void Transfers_between_own_accounts_of_one_currency_leave_net_worth_unchanged_but_are_counted()
    {
        Account[] accounts = [Account("USD", 1_000)];
        var buckets = new[] { Bucket("2026-02", BucketKey.Transfer, -500), Bucket("2026-02", BucketKey.Transfer, 500), Bucket("2026-03", BucketKey.Transfer, 700) };

        var report = ReportCalculator.NetWorth(FirstQuarter, "USD", buckets, accounts);

        Assert.Equal([1_000L, 1_000L, 1_700L], report.Months.Select(m => m.NetWorth));
    }

    [Fact]
    public void Net_worth_keeps_each_other_currency_apart_at_the_end_of_the_range()
    {
        Account[] accounts = [Account("USD", 100_000), Account("EUR", 20_000), Account("JPY", 0, closed: true)];
        var buckets = new[]
        {
            Bucket("2026-01", Food, -7_000, "EUR"),
            Bucket("2026-03", BucketKey.Transfer, 10_000, "EUR"),
            Bucket("2026-04", Food, -999, "EUR"),
            // Money left in the buckets of an account since deleted still lists its currency.
            Bucket("2025-01", BucketKey.Income, 300, "GBP"),
            // Buckets of an account deleted after its transactions were: nothing there.
            Bucket("2025-01", BucketKey.Income, 0, "CHF"),
        };

        var report = ReportCalculator.NetWorth(FirstQuarter, "USD", buckets, accounts);

        Assert.Equal([100_000L, 100_000L, 100_000L], report.Months.Select(m => m.NetWorth));
        Assert.Equal([new CurrencyNetWorth("EUR", 23_000), new CurrencyNetWorth("GBP", 300), new CurrencyNetWorth("JPY", 0)], report.OtherCurrencies);
    }

    [Fact]
    public void Net_worth_at_the_end_equals_the_sum_of_current_balances_when_nothing_is_dated_later()
    {
        var buckets = new[] { Bucket("2025-11", BucketKey.Income, 50_000), Bucket("2026-02", Rent, -20_000), Bucket("2026-03", BucketKey.Transfer, -5_000) };
        // Balances are opening balances plus every transaction, which is what the buckets hold.
        Account[] accounts =
        [
            Account("USD", 1_000) with { Balance = 1_000 + 50_000 - 20_000 - 5_000 },
            Account("USD", 2_000, closed: true) with { Balance = 2_000 },
        ];

        var report = ReportCalculator.NetWorth(FirstQuarter, "USD", buckets, accounts);

        Assert.Equal(accounts.Sum(a => a.Balance), report.Months[^1].NetWorth);
    }

    [Fact]
    public void Without_a_home_currency_every_report_is_empty_or_zero()
    {
        var spending = ReportCalculator.SpendingByCategory(FirstQuarter, null, [], []);
        var byMonth = ReportCalculator.SpendingByMonth(FirstQuarter, null, []);
        var incomeExpense = ReportCalculator.IncomeExpense(FirstQuarter, null, []);
        var netWorth = ReportCalculator.NetWorth(FirstQuarter, null, [Bucket("2026-01", Food, 0)], []);

        Assert.Null(spending.Currency);
        Assert.Empty(spending.Rows);
        Assert.Equal(0, spending.Total);
        Assert.All(byMonth.Rows, r => Assert.Equal(0, r.Amount));
        Assert.Equal(3, incomeExpense.Months.Count);
        Assert.Equal(new IncomeExpenseTotals(0, 0, 0), incomeExpense.Totals);
        Assert.All(netWorth.Months, m => Assert.Equal(0, m.NetWorth));
        Assert.Empty(netWorth.OtherCurrencies);
    }
}
