using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using static BudgetBuddy.IntegrationTests.Infrastructure.FieldProblems;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>
/// An enum field takes exactly one member's name. Names joined by commas once parsed into their bitwise OR, which is
/// sometimes a member ("checking, savings" was savings, "uncleared, reconciled" was reconciled); those, and names in
/// another case or with spaces, are a 400 problem naming the field, and nothing is written.
/// </summary>
public sealed class EnumNameTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "enums";
    private Ledger ledger = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync(Tenant);
        ledger = new Ledger(await api.ClientAsync(Tenant, "alice"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> CountAsync(string list) =>
        (await (await ledger.Client.GetAsync($"/v1/{list}?limit=200")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();

    public static TheoryData<string> NotOneAccountType => new()
    {
        "checking, savings",
        "checking,savings",
        "savings,checking",
        "checking,checking",
        "savings, savings",
        "cash, loan",
        " checking",
        "checking ",
        "Checking",
        "CHECKING",
        "credit card",
        "CreditCard",
        "0",
        "1",
        "",
    };

    [Theory]
    [MemberData(nameof(NotOneAccountType))]
    public async Task Creating_an_account_with_a_type_that_is_not_exactly_one_name_is_a_problem_naming_type(string type)
    {
        var before = await CountAsync("accounts");

        await AssertNamesAsync(await ledger.Client.PostJsonAsync("/v1/accounts", new { name = "Joined", type, currency = "USD" }), "type");

        Assert.Equal(before, await CountAsync("accounts"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("[\"checking\"]")]
    [InlineData("{\"checking\":true}")]
    public async Task An_account_type_that_is_not_a_string_is_a_problem_naming_type(string json)
    {
        await AssertNamesAsync(await ledger.Client.PostRawAsync("/v1/accounts", $$"""{"name":"Typed","type":{{json}},"currency":"USD"}"""), "type");
    }

    [Fact]
    public async Task Changing_an_accounts_type_to_names_joined_by_a_comma_is_a_problem_and_changes_nothing()
    {
        var id = await ledger.AccountAsync("Renamed");

        await AssertNamesAsync(await ledger.Client.PatchJsonAsync($"/v1/accounts/{id}", new { type = "checking, savings" }, ifMatch: "\"1\""), "type");

        var account = await (await ledger.Client.GetAsync($"/v1/accounts/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("checking", account.GetProperty("type").GetString());
        Assert.Equal(1, account.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("checking")]
    [InlineData("savings")]
    [InlineData("credit_card")]
    [InlineData("cash")]
    [InlineData("loan")]
    public async Task Each_account_type_name_alone_is_accepted_and_read_back(string type)
    {
        var created = await (await ledger.Client.PostJsonAsync("/v1/accounts", new { name = $"Kind {type}", type, currency = "USD" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(type, created.GetProperty("type").GetString());
    }

    public static TheoryData<string> NotOneClearedState => new()
    {
        "uncleared, cleared",
        "uncleared,reconciled",
        "cleared,cleared",
        "reconciled, uncleared",
        " cleared",
        "Cleared",
        "RECONCILED",
        "2",
    };

    [Theory]
    [MemberData(nameof(NotOneClearedState))]
    public async Task Posting_a_transaction_whose_cleared_is_not_exactly_one_name_is_a_problem_naming_cleared(string cleared)
    {
        var account = await ledger.AccountAsync($"Cleared {cleared.Trim()}", opening: 1_000);

        await AssertNamesAsync(
            await ledger.Client.PostJsonAsync("/v1/transactions", new { accountId = account, date = "2026-03-05", amount = -100, cleared }), "cleared");

        Assert.Equal(1_000, await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task Marking_a_transaction_with_names_joined_by_a_comma_is_a_problem_and_leaves_it_unlocked()
    {
        var account = await ledger.AccountAsync("Marked", opening: 1_000);
        var posted = await ledger.PostAsync(new { accountId = account, date = "2026-03-05", amount = -100 });
        var id = posted.GetProperty("id").GetString();

        // uncleared (0) OR reconciled (2) is reconciled, which would lock the amount against edits.
        await AssertNamesAsync(await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { cleared = "uncleared, reconciled" }, ifMatch: "\"1\""), "cleared");

        var stored = await ledger.GetAsync(id!);
        Assert.Equal("uncleared", stored.GetProperty("cleared").GetString());
        Assert.Equal(1, stored.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("/v1/reports/spending?groupBy=category,month", "groupBy")]
    [InlineData("/v1/reports/spending?groupBy=Category", "groupBy")]
    [InlineData("/v1/export?format=json,csv", "format")]
    [InlineData("/v1/export?format=CSV", "format")]
    public async Task A_query_value_that_is_not_exactly_one_of_its_names_is_a_problem_naming_the_parameter(string target, string parameter)
    {
        await AssertNamesAsync(await ledger.Client.GetAsync(target), parameter);
    }
}
