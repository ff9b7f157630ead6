using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Transactions;

public sealed class TransactionsApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("money");

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Ledger> LedgerAsync(string user) => new(await api.ClientAsync("money", user));

    [Fact]
    public async Task Posting_moves_the_balance_and_editing_and_deleting_move_it_back()
    {
        var ledger = await LedgerAsync("poster");
        var account = await ledger.AccountAsync(opening: 10_000);
        var groceries = await ledger.CategoryAsync();

        var posted = await ledger.PostAsync(new { accountId = account, date = "2026-03-05", amount = -2_500, payee = "Market", categoryId = groceries });
        Assert.Equal(7_500, await ledger.BalanceAsync(account));
        Assert.Equal("USD", posted.GetProperty("currency").GetString());
        Assert.Equal("uncleared", posted.GetProperty("cleared").GetString());
        var id = posted.GetProperty("id").GetString();

        var edited = await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { amount = -4_000, memo = "more" }, ifMatch: "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(-4_000, edited.GetProperty("amount").GetInt64());
        Assert.Equal(2, edited.GetProperty("version").GetInt64());
        Assert.Equal(6_000, await ledger.BalanceAsync(account));

        await (await ledger.Client.DeleteAsync($"/v1/transactions/{id}", ifMatch: "\"2\"")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(10_000, await ledger.BalanceAsync(account));
        await (await ledger.Client.GetAsync($"/v1/transactions/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Split_lines_must_sum_to_the_amount()
    {
        var ledger = await LedgerAsync("splitter");
        var account = await ledger.AccountAsync();
        var food = await ledger.CategoryAsync("Food");
        var home = await ledger.CategoryAsync("Home");

        var problem = await (await ledger.Client.PostJsonAsync("/v1/transactions", new
        {
            accountId = account, date = "2026-03-05", amount = -10_000,
            splits = new object[] { new { categoryId = food, amount = -6_000 }, new { categoryId = home, amount = -3_000 } },
        })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("splits", out _));

        var split = await ledger.PostAsync(new
        {
            accountId = account, date = "2026-03-05", amount = -10_000,
            splits = new object[] { new { categoryId = food, amount = -6_000, memo = "veg" }, new { categoryId = home, amount = -4_000 } },
        });
        Assert.Equal(2, split.GetProperty("splits").GetArrayLength());
        Assert.Equal(-10_000, await ledger.BalanceAsync(account));

        var byCategory = await ledger.ListAllAsync($"categoryId={home}");
        Assert.Single(byCategory, t => t.GetProperty("id").GetString() == split.GetProperty("id").GetString());

        var changedAmountOnly = await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{split.GetProperty("id").GetString()}", new { amount = -12_000 }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(changedAmountOnly.GetProperty("errors").TryGetProperty("splits", out _));
    }

    [Fact]
    public async Task A_transfer_and_its_pair_stay_consistent_through_edit_and_delete()
    {
        var ledger = await LedgerAsync("transferrer");
        var checking = await ledger.AccountAsync("Checking", 50_000);
        var savings = await ledger.AccountAsync("Savings", 0);

        var transfer = await ledger.PostAsync(new { accountId = checking, transferAccountId = savings, date = "2026-04-01", amount = -20_000, payee = "To savings" });
        var pairId = transfer.GetProperty("transferTransactionId").GetString()!;
        var pair = await ledger.GetAsync(pairId);
        Assert.Equal(20_000, pair.GetProperty("amount").GetInt64());
        Assert.Equal(checking, pair.GetProperty("transferAccountId").GetString());
        Assert.Equal(transfer.GetProperty("id").GetString(), pair.GetProperty("transferTransactionId").GetString());
        Assert.Equal(30_000, await ledger.BalanceAsync(checking));
        Assert.Equal(20_000, await ledger.BalanceAsync(savings));

        // Editing the receiving side moves the sending side along.
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{pairId}", new { amount = 25_000, date = "2026-04-02" })).ExpectAsync(HttpStatusCode.OK);
        var sending = await ledger.GetAsync(transfer.GetProperty("id").GetString()!);
        Assert.Equal(-25_000, sending.GetProperty("amount").GetInt64());
        Assert.Equal("2026-04-02", sending.GetProperty("date").GetString());
        Assert.Equal(25_000, await ledger.BalanceAsync(checking));
        Assert.Equal(25_000, await ledger.BalanceAsync(savings));

        await (await ledger.Client.DeleteAsync($"/v1/transactions/{transfer.GetProperty("id").GetString()}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await ledger.Client.GetAsync($"/v1/transactions/{pairId}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(50_000, await ledger.BalanceAsync(checking));
        Assert.Equal(0, await ledger.BalanceAsync(savings));
    }

    [Fact]
    public async Task A_transfer_between_currencies_states_both_amounts()
    {
        var ledger = await LedgerAsync("traveller");
        var dollars = await ledger.AccountAsync("Dollars", 100_000, "USD");
        var yen = await ledger.AccountAsync("Yen", 0, "JPY");

        var missing = await (await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = dollars, transferAccountId = yen, date = "2026-05-01", amount = -10_000 }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("transferAmount", out _));

        var transfer = await ledger.PostAsync(new { accountId = dollars, transferAccountId = yen, date = "2026-05-01", amount = -10_000, transferAmount = 15_500 });
        Assert.Equal(15_500, await ledger.BalanceAsync(yen));
        Assert.Equal("JPY", (await ledger.GetAsync(transfer.GetProperty("transferTransactionId").GetString()!)).GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_reconciled_transaction_keeps_its_amount_until_unreconciled()
    {
        var ledger = await LedgerAsync("reconciler");
        var account = await ledger.AccountAsync();
        var id = (await ledger.PostAsync(new { accountId = account, date = "2026-01-10", amount = -999, cleared = "reconciled" })).GetProperty("id").GetString();

        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { amount = -1_000 })).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { memo = "fine to annotate" })).ExpectAsync(HttpStatusCode.OK);
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { cleared = "cleared" })).ExpectAsync(HttpStatusCode.OK);
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { amount = -1_000 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(-1_000, await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task A_duplicate_import_id_in_one_account_is_409_with_the_existing_id()
    {
        var ledger = await LedgerAsync("importer");
        var account = await ledger.AccountAsync();
        var other = await ledger.AccountAsync("Other");
        var first = await ledger.PostAsync(new { accountId = account, date = "2026-02-01", amount = -100, importId = "BANK-123" });

        var problem = await (await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-02-01", amount = -100, importId = "BANK-123" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first.GetProperty("id").GetString(), problem.GetProperty("existingId").GetString());
        Assert.Equal(-100, await ledger.BalanceAsync(account));

        await ledger.PostAsync(new { accountId = other, date = "2026-02-01", amount = -100, importId = "BANK-123" });
    }

    [Fact]
    public async Task Listing_filters_by_account_and_date_range_newest_first_across_pages()
    {
        var ledger = await LedgerAsync("lister");
        var a = await ledger.AccountAsync("A");
        var b = await ledger.AccountAsync("B");
        for (var day = 1; day <= 9; day++)
        {
            await ledger.PostAsync(new { accountId = a, date = $"2026-06-0{day}", amount = -day });
            await ledger.PostAsync(new { accountId = b, date = $"2026-06-0{day}", amount = -day * 10 });
        }

        var inRange = await ledger.ListAllAsync($"accountId={a}&from=2026-06-03&to=2026-06-07");
        Assert.Equal(["2026-06-07", "2026-06-06", "2026-06-05", "2026-06-04", "2026-06-03"], inRange.Select(t => t.GetProperty("date").GetString()));
        Assert.All(inRange, t => Assert.Equal(a, t.GetProperty("accountId").GetString()));

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await ledger.Client.GetAsync($"/v1/transactions?limit=4{(cursor is null ? "" : $"&cursor={cursor}")}")).ExpectAsync(HttpStatusCode.OK);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(18, paged.Count);
        Assert.Equal(18, paged.Distinct().Count());
    }

    [Fact]
    public async Task Posting_to_a_closed_account_is_409_and_an_account_with_transactions_cannot_be_deleted()
    {
        var ledger = await LedgerAsync("closer");
        var account = await ledger.AccountAsync();
        var id = (await ledger.PostAsync(new { accountId = account, date = "2026-01-01", amount = 500 })).GetProperty("id").GetString();

        await (await ledger.Client.DeleteAsync($"/v1/accounts/{account}", ifMatch: null)).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{account}", new { closed = true })).ExpectAsync(HttpStatusCode.OK);
        await (await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-01-02", amount = 1 })).ExpectProblemAsync(HttpStatusCode.Conflict);

        await (await ledger.Client.DeleteAsync($"/v1/transactions/{id}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await ledger.Client.DeleteAsync($"/v1/accounts/{account}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("""{"date":"2026-01-01","amount":1}""", "accountId")]
    [InlineData("""{"accountId":"0123456789abcdef0123456789abcdef","amount":1}""", "date")]
    [InlineData("""{"accountId":"0123456789abcdef0123456789abcdef","date":"2026-01-01"}""", "amount")]
    [InlineData("""{"accountId":"0123456789abcdef0123456789abcdef","date":"2026-13-01","amount":1}""", "date")]
    [InlineData("""{"accountId":"0123456789abcdef0123456789abcdef","date":"2026-01-01","amount":1}""", "accountId")]
    public async Task Invalid_transactions_are_400_naming_the_field(string body, string field)
    {
        var ledger = await LedgerAsync("invalid");
        var problem = await (await ledger.Client.PostRawAsync("/v1/transactions", body)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
