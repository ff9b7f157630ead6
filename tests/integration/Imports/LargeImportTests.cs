using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Security;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Imports;

/// <summary>Statements of thousands of lines, which the importer commits in many batches.</summary>
public sealed class LargeImportTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private static readonly string[] Months = ["2026-01", "2026-02", "2026-03", "2026-04"];

    public Task InitializeAsync() => api.ProvisionAsync("bigimports");

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Distinct lines over four months: every tenth one income, the rest spending.</summary>
    private static List<(string Date, long Amount)> Lines(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ($"{Months[i % Months.Length]}-{1 + i / Months.Length % 28:D2}", i % 10 == 0 ? 200_000L + i : -(100L + i)))];

    private static string Csv(IEnumerable<(string Date, long Amount)> lines) =>
        "date,amount,payee,memo\n" + string.Join('\n', lines.Select((l, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{l.Date},{l.Amount / 100m:0.00},Shop {i % 37},ref {i}")));

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string account, string csv) =>
        client.PostAsync($"/v1/accounts/{account}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task Thousands_of_lines_land_whole_with_balance_budget_activity_and_change_feed_and_a_reimport_adds_nothing()
    {
        var ledger = new Ledger(await api.ClientAsync("bigimports", "whole"));
        var account = await ledger.AccountAsync(opening: 0);
        var lines = Lines(4_000);
        var csv = Csv(lines);
        var before = await OwnerChangeFeed.EndAsync(ledger.Client);

        var first = await (await ImportAsync(ledger.Client, account, csv)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(4_000, first.GetProperty("imported").GetInt32());
        Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
        Assert.Equal(lines.Sum(l => l.Amount), await ledger.BalanceAsync(account));
        var transactions = await ledger.ListAllAsync($"accountId={account}");
        Assert.Equal(4_000, transactions.Count);
        Assert.Equal(lines.Select(l => l.Amount).Order(), transactions.Select(t => t.GetProperty("amount").GetInt64()).Order());
        foreach (var month in Months)
        {
            var budget = await (await ledger.Client.GetAsync($"/v1/budgets/{month}")).ExpectAsync(HttpStatusCode.OK);
            var ofMonth = lines.Where(l => l.Date.StartsWith(month, StringComparison.Ordinal)).ToList();
            Assert.Equal(ofMonth.Where(l => l.Amount > 0).Sum(l => l.Amount), budget.GetProperty("income").GetInt64());
            Assert.Equal(ofMonth.Where(l => l.Amount < 0).Sum(l => l.Amount), budget.GetProperty("uncategorized").GetInt64());
        }
        var changed = await ChangedSinceAsync(ledger.Client, before);
        Assert.Equal(transactions.Select(t => "transaction " + t.GetProperty("id").GetString()).Order(), changed.Where(c => c.StartsWith("transaction ", StringComparison.Ordinal)).Order());
        Assert.Contains("account " + account, changed);
        Assert.Equal(
            lines.Select(l => $"budget {l.Date[..7]}:USD:{(l.Amount > 0 ? "INCOME" : "UNCATEGORIZED")}").Distinct().Order(),
            changed.Where(c => c.StartsWith("budget ", StringComparison.Ordinal)).Distinct().Order());

        var afterFirst = await OwnerChangeFeed.EndAsync(ledger.Client);
        var again = await (await ImportAsync(ledger.Client, account, csv)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(4_000, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(lines.Sum(l => l.Amount), await ledger.BalanceAsync(account));
        Assert.Empty(await OwnerChangeFeed.SinceAsync(ledger.Client, afterFirst));
    }

    [Fact]
    public async Task A_statement_overlapping_one_imported_before_adds_only_its_new_lines()
    {
        var ledger = new Ledger(await api.ClientAsync("bigimports", "overlap"));
        var account = await ledger.AccountAsync(opening: 0);
        var lines = Lines(1_500);
        await (await ImportAsync(ledger.Client, account, Csv(lines.Take(1_000)))).ExpectAsync(HttpStatusCode.OK);

        var second = await (await ImportAsync(ledger.Client, account, Csv(lines))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(500, second.GetProperty("imported").GetInt32());
        Assert.Equal(1_000, second.GetProperty("duplicates").GetInt32());
        Assert.Equal(1_500, (await ledger.ListAllAsync($"accountId={account}")).Count);
        Assert.Equal(lines.Sum(l => l.Amount), await ledger.BalanceAsync(account));
    }

    /// <summary>Every entity changed after <paramref name="cursor"/>, as "type id", across all pages.</summary>
    private static async Task<List<string>> ChangedSinceAsync(HttpClient client, string cursor)
    {
        var changed = new List<string>();
        while (true)
        {
            var page = await (await client.GetAsync($"/v1/changes?limit=1000&since={Uri.EscapeDataString(cursor)}")).ExpectAsync(HttpStatusCode.OK);
            changed.AddRange(page.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("type").GetString()} {c.GetProperty("id").GetString()}"));
            cursor = page.GetProperty("cursor").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return changed;
            }
        }
    }
}
