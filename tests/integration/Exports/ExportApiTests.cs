using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Exports;

/// <summary>One user with more data than an export page, seeded once for the class.</summary>
public sealed class ExportFixture : ApiFixture
{
    public Ledger Ledger { get; private set; } = null!;

    public string Account { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ProvisionAsync("exports");
        Ledger = new Ledger(await ClientAsync("exports", "exporter"));
        var ledger = Ledger;
        var account = Account = await ledger.AccountAsync("Everyday, \"main\"", 1_000);
        var food = await ledger.CategoryAsync("Food");
        var home = await ledger.CategoryAsync("Home");
        for (var i = 0; i < 600; i++)
        {
            await ledger.PostAsync(new { accountId = account, date = $"2026-0{1 + i % 6}-10", amount = -i, payee = $"Shop {i}", categoryId = i % 2 == 0 ? food : home });
        }
        await ledger.PostAsync(new
        {
            accountId = account, date = "2026-06-30", amount = -300, memo = "line1\nline2",
            splits = new object[] { new { categoryId = food, amount = -100 }, new { categoryId = home, amount = -200 } },
        });
    }
}

public sealed class ExportApiTests(ExportFixture data) : IClassFixture<ExportFixture>
{
    private Ledger ledger => data.Ledger;

    private string account => data.Account;

    [Fact]
    public async Task The_json_export_streams_everything_in_the_api_shapes()
    {
        using var response = await ledger.Client.GetAsync("/v1/export", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var root = document.RootElement;
        Assert.Equal("USD", root.GetProperty("settings").GetProperty("homeCurrency").GetString());
        Assert.Single(root.GetProperty("accounts").EnumerateArray());
        Assert.Equal(2, root.GetProperty("categories").GetArrayLength());
        var transactions = root.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(601, transactions.Count);
        Assert.Equal((await ledger.ListAllAsync()).Select(t => t.GetProperty("id").GetString()).Order(), transactions.Select(t => t.GetProperty("id").GetString()).Order());
        Assert.Contains(transactions, t => t.TryGetProperty("splits", out var s) && s.ValueKind == JsonValueKind.Array && s.GetArrayLength() == 2);
        var exportedBalance = root.GetProperty("accounts")[0].GetProperty("balance").GetInt64();
        Assert.Equal(await ledger.BalanceAsync(account), exportedBalance);
        Assert.Equal(
            transactions.Sum(t => t.GetProperty("amount").GetInt64()),
            root.GetProperty("budgets").EnumerateArray().Sum(b => b.GetProperty("activity").GetInt64()));
    }

    [Fact]
    public async Task The_csv_export_has_one_row_per_record_with_quoting_where_needed()
    {
        var response = await ledger.Client.GetAsync("/v1/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("record,id,accountId,date,amount", text, StringComparison.Ordinal);
        Assert.Contains("\"Everyday, \"\"main\"\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\"line1\nline2\"", text, StringComparison.Ordinal);
        var records = text.Split('\n').Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(601, records.Count(r => r == "transaction"));
        Assert.Equal(2, records.Count(r => r == "split"));
        Assert.Equal(2, records.Count(r => r == "category"));
        Assert.Equal(1, records.Count(r => r == "account"));
    }

    [Fact]
    public async Task An_unknown_format_is_400()
    {
        await (await ledger.Client.GetAsync("/v1/export?format=xml")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
