using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Load.Scenarios;
using BudgetBuddy.Load.Storage;

namespace BudgetBuddy.UnitTests.Load.Storage;

public sealed class ApiCallReaderTests
{
    // What each step may send: a read step whose user knows no transaction yet falls back to the account list.
    private static readonly Dictionary<string, Type[]> CallsOfStep = new(StringComparer.Ordinal)
    {
        ["get-budget"] = [typeof(BudgetMonthRead)],
        ["list-transactions"] = [typeof(TransactionListRead)],
        ["get-accounts"] = [typeof(AccountListRead)],
        ["delta-sync"] = [typeof(ChangesRead)],
        ["get-transaction"] = [typeof(TransactionRead), typeof(AccountListRead)],
        ["get-report"] = [typeof(ReportRead)],
        ["post-transaction"] = [typeof(TransactionPost)],
        ["post-transfer"] = [typeof(TransactionPost)],
        ["patch-transaction"] = [typeof(TransactionPatch), typeof(AccountListRead)],
        ["assign-budget"] = [typeof(BudgetAssign)],
        ["post-category"] = [typeof(CategoryPost)],
    };

    [Theory]
    [InlineData("mixed")]
    [InlineData("write-heavy")]
    public void Every_request_a_step_builds_reads_as_a_call_the_storage_path_has_a_plan_for(string scenario)
    {
        var data = StorageTestData.Data();
        foreach (var step in ScenarioCatalog.Find(scenario)!.Steps)
        {
            for (var i = 0; i < 100; i++)
            {
                var call = ApiCallReader.Read(step.Build(data, Think.ForRequest(7, i)));
                Assert.Contains(call.GetType(), CallsOfStep[step.Name]);
            }
        }
    }

    [Fact]
    public void A_list_cursor_of_the_api_reads_back_as_the_date_key_the_page_continues_after()
    {
        // Made as the API makes it: scoped to the list's filters.
        var scope = BudgetBuddy.Api.Transactions.TransactionQueries.CursorScope(new BudgetBuddy.Api.Transactions.TransactionFilter(StorageTestData.Checking, null, null, null));
        var cursor = PageCursor.Encode(scope, "2026-11-02#01a0000000000000000000000000f009");
        var call = ApiCallReader.Read(StorageTestData.Request(HttpMethod.Get,
            $"/v1/transactions?accountId={StorageTestData.Checking}&limit=50&cursor={Uri.EscapeDataString(cursor)}"));

        Assert.Equal(new TransactionListRead(StorageTestData.Checking, null, null, 50, "2026-11-02#01a0000000000000000000000000f009"), call);
    }

    [Fact]
    public void A_month_list_reads_its_dates_and_no_account()
    {
        var call = ApiCallReader.Read(StorageTestData.Request(HttpMethod.Get, "/v1/transactions?from=2026-10-01&to=2026-10-31&limit=50"));
        Assert.Equal(new TransactionListRead(null, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 50, null), call);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    public void A_change_cursor_of_the_api_reads_back_as_its_sequence(long sequence)
    {
        var call = ApiCallReader.Read(StorageTestData.Request(HttpMethod.Get, $"/v1/changes?since={Uri.EscapeDataString(ChangeCursor.Encode(sequence))}"));
        Assert.Equal(new ChangesRead(sequence, 100), call);
        Assert.Equal(ChangeCursor.Encode(sequence), ApiCursors.ChangesAfter(sequence));
    }

    [Fact]
    public void An_empty_since_starts_the_change_feed_from_the_beginning()
    {
        Assert.Equal(new ChangesRead(0, 100), ApiCallReader.Read(StorageTestData.Request(HttpMethod.Get, "/v1/changes?since=")));
    }

    [Theory]
    [InlineData("/v1/reports/spending?from=2026-09&to=2026-11", "SpendingByCategory")]
    [InlineData("/v1/reports/spending?from=2026-09&to=2026-11&groupBy=month", "SpendingByMonth")]
    [InlineData("/v1/reports/income-expense?from=2026-09&to=2026-11", "IncomeExpense")]
    [InlineData("/v1/reports/net-worth?from=2026-09&to=2026-11", "NetWorth")]
    public void Each_report_reads_as_its_kind_over_the_months_asked(string path, string kind)
    {
        Assert.Equal(new ReportRead(Enum.Parse<ReportKind>(kind), "2026-09", "2026-11"), ApiCallReader.Read(StorageTestData.Request(HttpMethod.Get, path)));
    }

    [Fact]
    public void A_transfer_reads_both_accounts_and_its_amount()
    {
        var call = ApiCallReader.Read(StorageTestData.Request(HttpMethod.Post, "/v1/transactions",
            $$"""{"accountId":"{{StorageTestData.Checking}}","date":"2026-11-24","amount":-5000,"payee":"Transfer","transferAccountId":"{{StorageTestData.Savings}}"}"""));
        Assert.Equal(new TransactionPost(StorageTestData.Checking, new DateOnly(2026, 11, 24), -5000, "Transfer", null, null, StorageTestData.Savings), call);
    }

    [Fact]
    public void A_patch_reads_only_the_fields_it_sends()
    {
        var call = ApiCallReader.Read(StorageTestData.Request(HttpMethod.Patch, $"/v1/transactions/{StorageTestData.Known}", """{"memo":"weekly shop #12"}"""));
        Assert.Equal(new TransactionPatch(StorageTestData.Known, null, null, "weekly shop #12"), call);
    }

    [Fact]
    public void A_request_without_a_plan_is_refused_loudly_rather_than_skipped()
    {
        Assert.Throws<NotSupportedException>(() => ApiCallReader.Read(StorageTestData.Request(HttpMethod.Delete, $"/v1/transactions/{StorageTestData.Known}")));
    }
}
