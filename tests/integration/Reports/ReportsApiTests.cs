using System.Globalization;
using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Reports;

public sealed class ReportsApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("reports");

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A quarter of one user's money: what each report is checked against.</summary>
    private sealed record Quarter(Ledger Ledger, string Food, string Rent, IReadOnlyList<string> DollarAccounts);

    /// <summary>
    /// USD is home (the first account opened). Over January to March 2026: salary, rent, food with a refund, an
    /// uncategorised purchase, a transfer to savings, a transfer into the EUR account, and spending in EUR.
    /// </summary>
    private async Task<Quarter> QuarterAsync(string user)
    {
        var ledger = new Ledger(await api.ClientAsync("reports", user));
        var checking = await ledger.AccountAsync("Checking", 100_000, "USD");
        var savings = await ledger.AccountAsync("Savings", 50_000, "USD");
        var old = await ledger.AccountAsync("Old card", 5_000, "USD");
        var euros = await ledger.AccountAsync("Euros", 20_000, "EUR");
        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{old}", new { closed = true })).ExpectAsync(HttpStatusCode.OK);
        var food = await ledger.CategoryAsync("Food", "Everyday");
        var rent = await ledger.CategoryAsync("Rent", "Bills");

        await ledger.PostAsync(new { accountId = checking, date = "2026-01-01", amount = 300_000, payee = "Employer" });
        await ledger.PostAsync(new { accountId = checking, date = "2026-01-03", amount = -120_000, categoryId = rent });
        await ledger.PostAsync(new { accountId = checking, date = "2026-01-09", amount = -30_000, categoryId = food });
        await ledger.PostAsync(new { accountId = checking, date = "2026-01-20", amount = -5_000, payee = "Kiosk" });

        await ledger.PostAsync(new { accountId = checking, date = "2026-02-01", amount = 300_000, payee = "Employer" });
        await ledger.PostAsync(new { accountId = checking, date = "2026-02-06", amount = -40_000, categoryId = food });
        await ledger.PostAsync(new { accountId = checking, date = "2026-02-08", amount = 10_000, categoryId = food, payee = "Refund" });
        await ledger.PostAsync(new { accountId = checking, transferAccountId = savings, date = "2026-02-15", amount = -50_000 });

        await ledger.PostAsync(new { accountId = checking, date = "2026-03-03", amount = -120_000, categoryId = rent });
        await ledger.PostAsync(new { accountId = checking, date = "2026-03-10", amount = -25_000, categoryId = food });
        await ledger.PostAsync(new { accountId = checking, transferAccountId = euros, date = "2026-03-12", amount = -11_000, transferAmount = 10_000 });
        await ledger.PostAsync(new { accountId = euros, date = "2026-03-14", amount = -7_000, categoryId = food });
        return new Quarter(ledger, food, rent, [checking, savings, old]);
    }

    private static async Task<JsonElement> GetAsync(Ledger ledger, string path) =>
        await (await ledger.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);

    private static List<long> Column(JsonElement rows, string name) => rows.EnumerateArray().Select(r => r.GetProperty(name).GetInt64()).ToList();

    private static List<string?> Months(JsonElement rows) => rows.EnumerateArray().Select(r => r.GetProperty("month").GetString()).ToList();

    [Fact]
    public async Task Spending_by_category_is_net_of_refunds_in_the_home_currency_without_income_or_transfers()
    {
        var quarter = await QuarterAsync("spender");

        var report = await GetAsync(quarter.Ledger, "/v1/reports/spending?from=2026-01&to=2026-03");

        Assert.Equal("2026-01", report.GetProperty("from").GetString());
        Assert.Equal("2026-03", report.GetProperty("to").GetString());
        Assert.Equal("USD", report.GetProperty("currency").GetString());
        Assert.Equal("category", report.GetProperty("groupBy").GetString());
        Assert.Equal(330_000, report.GetProperty("total").GetInt64());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([quarter.Rent, quarter.Food, "UNCATEGORIZED"], rows.Select(r => r.GetProperty("categoryId").GetString()));
        Assert.Equal([240_000L, 85_000L, 5_000L], rows.Select(r => r.GetProperty("amount").GetInt64()));
        Assert.Equal("Rent", rows[0].GetProperty("name").GetString());
        Assert.Equal("Bills", rows[0].GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("group").ValueKind);
    }

    [Fact]
    public async Task Spending_by_month_lists_every_month_of_the_range_including_empty_ones()
    {
        var quarter = await QuarterAsync("monthly");

        var report = await GetAsync(quarter.Ledger, "/v1/reports/spending?from=2025-12&to=2026-04&groupBy=month");

        Assert.Equal("month", report.GetProperty("groupBy").GetString());
        Assert.Equal(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"], Months(report.GetProperty("rows")));
        Assert.Equal([0L, 155_000L, 30_000L, 145_000L, 0L], Column(report.GetProperty("rows"), "amount"));
        Assert.Equal(330_000, report.GetProperty("total").GetInt64());
        Assert.False(report.GetProperty("rows")[0].TryGetProperty("categoryId", out _));
    }

    [Fact]
    public async Task Income_and_expense_are_reported_per_month_with_totals()
    {
        var quarter = await QuarterAsync("earner");

        var report = await GetAsync(quarter.Ledger, "/v1/reports/income-expense?from=2025-12&to=2026-03");

        Assert.Equal("USD", report.GetProperty("currency").GetString());
        var months = report.GetProperty("months");
        Assert.Equal(["2025-12", "2026-01", "2026-02", "2026-03"], Months(months));
        Assert.Equal([0L, 300_000L, 300_000L, 0L], Column(months, "income"));
        Assert.Equal([0L, 155_000L, 30_000L, 145_000L], Column(months, "expense"));
        Assert.Equal([0L, 145_000L, 270_000L, -145_000L], Column(months, "net"));
        var totals = report.GetProperty("totals");
        Assert.Equal(600_000, totals.GetProperty("income").GetInt64());
        Assert.Equal(330_000, totals.GetProperty("expense").GetInt64());
        Assert.Equal(270_000, totals.GetProperty("net").GetInt64());
    }

    [Fact]
    public async Task Net_worth_counts_opening_balances_and_transfers_and_ends_at_the_sum_of_balances()
    {
        var quarter = await QuarterAsync("worth");

        var report = await GetAsync(quarter.Ledger, "/v1/reports/net-worth?from=2025-12&to=2026-03");

        Assert.Equal("USD", report.GetProperty("currency").GetString());
        var months = report.GetProperty("months");
        Assert.Equal(["2025-12", "2026-01", "2026-02", "2026-03"], Months(months));
        // Openings 155 000 (the closed account's too); the transfer to savings nets out, the one into euros leaves USD.
        Assert.Equal([155_000L, 300_000L, 570_000L, 414_000L], Column(months, "netWorth"));
        long balances = 0;
        foreach (var account in quarter.DollarAccounts)
        {
            balances += await quarter.Ledger.BalanceAsync(account);
        }
        Assert.Equal(balances, months[3].GetProperty("netWorth").GetInt64());

        var euros = Assert.Single(report.GetProperty("otherCurrencies").EnumerateArray());
        Assert.Equal("EUR", euros.GetProperty("currency").GetString());
        Assert.Equal(23_000, euros.GetProperty("netWorth").GetInt64());

        var january = await GetAsync(quarter.Ledger, "/v1/reports/net-worth?from=2026-01&to=2026-01");
        Assert.Equal([300_000L], Column(january.GetProperty("months"), "netWorth"));
        // Money moved in euros only in March, so at the end of January they hold their opening balance.
        Assert.Equal(20_000, january.GetProperty("otherCurrencies")[0].GetProperty("netWorth").GetInt64());
    }

    [Fact]
    public async Task Without_parameters_every_report_covers_the_twelve_months_ending_this_month()
    {
        var quarter = await QuarterAsync("defaults");
        var before = DateTime.UtcNow;

        var spending = await GetAsync(quarter.Ledger, "/v1/reports/spending?groupBy=month");
        var incomeExpense = await GetAsync(quarter.Ledger, "/v1/reports/income-expense");
        var netWorth = await GetAsync(quarter.Ledger, "/v1/reports/net-worth");

        // Read the clock on both sides of the requests, so a month turning over meanwhile cannot fail the test.
        var thisMonth = new[] { before, DateTime.UtcNow }.Select(t => t.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        foreach (var (report, rows) in new[] { (spending, "rows"), (incomeExpense, "months"), (netWorth, "months") })
        {
            Assert.Equal(12, report.GetProperty(rows).GetArrayLength());
            Assert.Contains(report.GetProperty("to").GetString(), thisMonth);
            Assert.Equal(report.GetProperty("to").GetString(), report.GetProperty(rows)[11].GetProperty("month").GetString());
        }
    }

    [Fact]
    public async Task Without_a_home_currency_reports_are_empty()
    {
        var ledger = new Ledger(await api.ClientAsync("reports", "newcomer"));

        var spending = await GetAsync(ledger, "/v1/reports/spending?from=2026-01&to=2026-03");
        var netWorth = await GetAsync(ledger, "/v1/reports/net-worth?from=2026-01&to=2026-03");
        var incomeExpense = await GetAsync(ledger, "/v1/reports/income-expense?from=2026-01&to=2026-03");

        Assert.Equal(JsonValueKind.Null, spending.GetProperty("currency").ValueKind);
        Assert.Equal(0, spending.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, spending.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, netWorth.GetProperty("currency").ValueKind);
        Assert.Equal([0L, 0L, 0L], Column(netWorth.GetProperty("months"), "netWorth"));
        Assert.Equal(0, netWorth.GetProperty("otherCurrencies").GetArrayLength());
        Assert.Equal(0, incomeExpense.GetProperty("totals").GetProperty("income").GetInt64());
    }

    [Fact]
    public async Task Ten_years_is_the_longest_range_a_report_covers()
    {
        var ledger = new Ledger(await api.ClientAsync("reports", "historian"));
        await ledger.AccountAsync("Checking", 1_000, "USD");

        var report = await GetAsync(ledger, "/v1/reports/net-worth?from=2016-02&to=2026-01");

        Assert.Equal(120, report.GetProperty("months").GetArrayLength());
        Assert.All(report.GetProperty("months").EnumerateArray(), m => Assert.Equal(1_000, m.GetProperty("netWorth").GetInt64()));
    }

    [Theory]
    [InlineData("/v1/reports/spending?from=2026-13", "from")]
    [InlineData("/v1/reports/spending?to=26-01", "to")]
    [InlineData("/v1/reports/spending?groupBy=week", "groupBy")]
    [InlineData("/v1/reports/income-expense?from=2026-03&to=2026-01", "from")]
    [InlineData("/v1/reports/income-expense?to=2026-1", "to")]
    [InlineData("/v1/reports/net-worth?from=2016-01&to=2026-01", "from")]
    [InlineData("/v1/reports/net-worth?from=january", "from")]
    public async Task A_bad_parameter_is_a_validation_problem_naming_it(string path, string field)
    {
        var client = await api.ClientAsync("reports", "typo");
        var problem = await (await client.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Every_bad_parameter_is_named_in_one_answer()
    {
        var client = await api.ClientAsync("reports", "typos");
        var problem = await (await client.GetAsync("/v1/reports/spending?from=x&to=y&groupBy=day")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["from", "groupBy", "to"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reports_need_a_token()
    {
        await (await api.Client().GetAsync("/v1/reports/net-worth")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}
