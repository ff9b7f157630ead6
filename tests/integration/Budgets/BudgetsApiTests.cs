using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Budgets;

public sealed class BudgetsApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("budgets");

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonElement Line(JsonElement month, string categoryId) =>
        month.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("categoryId").GetString() == categoryId);

    private static async Task AssignAsync(Ledger ledger, string month, string category, long assigned) =>
        await (await ledger.Client.PutAsJsonAsync($"/v1/budgets/{month}/categories/{category}", new { assigned })).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Available_rolls_over_three_months_with_overspending_carried_and_other_currencies_apart()
    {
        var ledger = new Ledger(await api.ClientAsync("budgets", "roller"));
        var checking = await ledger.AccountAsync("Checking", 0, "USD");
        var euros = await ledger.AccountAsync("Euros", 0, "EUR");
        var food = await ledger.CategoryAsync("Food");
        var rent = await ledger.CategoryAsync("Rent", "Bills");

        await ledger.PostAsync(new { accountId = checking, date = "2026-01-02", amount = 100_000, payee = "Employer" });
        await AssignAsync(ledger, "2026-01", food, 30_000);
        await AssignAsync(ledger, "2026-01", rent, 50_000);
        await ledger.PostAsync(new { accountId = checking, date = "2026-01-10", amount = -35_000, categoryId = food });
        await ledger.PostAsync(new { accountId = checking, date = "2026-01-15", amount = -50_000, categoryId = rent });
        await AssignAsync(ledger, "2026-02", food, 30_000);
        await ledger.PostAsync(new { accountId = checking, date = "2026-02-12", amount = -20_000, categoryId = food });
        await AssignAsync(ledger, "2026-03", food, 10_000);
        await ledger.PostAsync(new { accountId = euros, date = "2026-03-03", amount = -7_000, categoryId = food });

        var january = await (await ledger.Client.GetAsync("/v1/budgets/2026-01")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("USD", january.GetProperty("currency").GetString());
        Assert.Equal(100_000, january.GetProperty("income").GetInt64());
        Assert.Equal(20_000, january.GetProperty("toBeBudgeted").GetInt64());
        Assert.Equal(-5_000, Line(january, food).GetProperty("available").GetInt64());
        Assert.Equal(-35_000, Line(january, food).GetProperty("activity").GetInt64());
        Assert.Equal(0, Line(january, rent).GetProperty("available").GetInt64());

        var february = await (await ledger.Client.GetAsync("/v1/budgets/2026-02")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5_000, Line(february, food).GetProperty("available").GetInt64());
        Assert.Equal(30_000, Line(february, food).GetProperty("assigned").GetInt64());
        Assert.Equal(0, february.GetProperty("income").GetInt64());
        Assert.Equal(-10_000, february.GetProperty("toBeBudgeted").GetInt64());

        var march = await (await ledger.Client.GetAsync("/v1/budgets/2026-03")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(15_000, Line(march, food).GetProperty("available").GetInt64());
        Assert.Equal(0, Line(march, food).GetProperty("activity").GetInt64());
        Assert.Equal(-20_000, march.GetProperty("toBeBudgeted").GetInt64());
        Assert.Equal(15_000, march.GetProperty("totals").GetProperty("available").GetInt64());
        var eur = Assert.Single(march.GetProperty("otherCurrencies").EnumerateArray());
        Assert.Equal("EUR", eur.GetProperty("currency").GetString());
        Assert.Equal(-7_000, eur.GetProperty("activity").GetInt64());
    }

    [Fact]
    public async Task Editing_a_transactions_category_and_date_moves_its_activity_between_envelopes()
    {
        var ledger = new Ledger(await api.ClientAsync("budgets", "mover"));
        var account = await ledger.AccountAsync();
        var fun = await ledger.CategoryAsync("Fun");
        var gifts = await ledger.CategoryAsync("Gifts");
        var id = (await ledger.PostAsync(new { accountId = account, date = "2026-07-30", amount = -4_000, categoryId = fun })).GetProperty("id").GetString();

        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { categoryId = gifts, date = "2026-08-01" })).ExpectAsync(HttpStatusCode.OK);

        var july = await (await ledger.Client.GetAsync("/v1/budgets/2026-07")).ExpectAsync(HttpStatusCode.OK);
        var august = await (await ledger.Client.GetAsync("/v1/budgets/2026-08")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, Line(july, fun).GetProperty("activity").GetInt64());
        Assert.Equal(0, Line(july, gifts).GetProperty("activity").GetInt64());
        Assert.Equal(-4_000, Line(august, gifts).GetProperty("activity").GetInt64());
        Assert.Equal(0, Line(august, fun).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task The_home_currency_defaults_to_the_first_account_and_can_be_set()
    {
        var ledger = new Ledger(await api.ClientAsync("budgets", "settler"));
        var none = await (await ledger.Client.GetAsync("/v1/settings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("homeCurrency").ValueKind);

        await ledger.AccountAsync("Yen", 0, "JPY");
        await ledger.AccountAsync("Dollars", 0, "USD");
        Assert.Equal("JPY", (await (await ledger.Client.GetAsync("/v1/settings")).ExpectAsync(HttpStatusCode.OK)).GetProperty("homeCurrency").GetString());

        await (await ledger.Client.PatchJsonAsync("/v1/settings", new { homeCurrency = "USD" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("USD", (await (await ledger.Client.GetAsync("/v1/budgets/2026-01")).ExpectAsync(HttpStatusCode.OK)).GetProperty("currency").GetString());
        await (await ledger.Client.PatchJsonAsync("/v1/settings", new { homeCurrency = "XXX" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/v1/budgets/2026-13")]
    [InlineData("/v1/budgets/26-01")]
    [InlineData("/v1/budgets/2026-1")]
    public async Task A_malformed_month_is_400(string path)
    {
        var client = await api.ClientAsync("budgets", "typo");
        await (await client.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Assigning_to_an_unknown_category_is_404()
    {
        var ledger = new Ledger(await api.ClientAsync("budgets", "unknown"));
        await ledger.AccountAsync();
        await (await ledger.Client.PutAsJsonAsync($"/v1/budgets/2026-01/categories/{new string('a', 32)}", new { assigned = 1 })).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_category_with_budget_history_cannot_be_deleted_but_an_unused_one_can()
    {
        var ledger = new Ledger(await api.ClientAsync("budgets", "deleter"));
        var account = await ledger.AccountAsync();
        var used = await ledger.CategoryAsync("Used");
        var unused = await ledger.CategoryAsync("Unused");
        await ledger.PostAsync(new { accountId = account, date = "2026-02-02", amount = -10, categoryId = used });

        await (await ledger.Client.DeleteAsync($"/v1/categories/{used}", ifMatch: null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await ledger.Client.DeleteAsync($"/v1/categories/{unused}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
    }
}
