using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Accounts;

public sealed class AccountsApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("accounts");
        client = await api.ClientAsync("accounts", "alice");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_an_account_answers_201_with_location_etag_and_the_balance_equal_to_the_opening_balance()
    {
        var response = await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(openingBalance: 12_345));
        var account = await response.ExpectAsync(HttpStatusCode.Created);

        var id = account.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/accounts/{id}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal("Everyday", account.GetProperty("name").GetString());
        Assert.Equal("checking", account.GetProperty("type").GetString());
        Assert.Equal("USD", account.GetProperty("currency").GetString());
        Assert.Equal(12_345, account.GetProperty("openingBalance").GetInt64());
        Assert.Equal(12_345, account.GetProperty("balance").GetInt64());
        Assert.False(account.GetProperty("closed").GetBoolean());
        Assert.Equal(1, account.GetProperty("version").GetInt64());

        var read = await client.GetAsync($"/v1/accounts/{id}");
        var again = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(account.ToString(), again.ToString());
        Assert.Equal("\"1\"", read.ETag());
    }

    [Fact]
    public async Task Patching_the_opening_balance_moves_the_balance_by_the_difference_and_bumps_the_version()
    {
        var created = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(openingBalance: 5_000))).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var response = await client.PatchJsonAsync($"/v1/accounts/{id}", new { openingBalance = 7_500, name = "Renamed", type = "savings", closed = true }, ifMatch: "\"1\"");
        var patched = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(7_500, patched.GetProperty("openingBalance").GetInt64());
        Assert.Equal(7_500, patched.GetProperty("balance").GetInt64());
        Assert.Equal("Renamed", patched.GetProperty("name").GetString());
        Assert.Equal("savings", patched.GetProperty("type").GetString());
        Assert.True(patched.GetProperty("closed").GetBoolean());
        Assert.Equal(2, patched.GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("USD", patched.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_on_patch_and_delete_and_nothing_changes()
    {
        var created = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking())).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        await (await client.PatchJsonAsync($"/v1/accounts/{id}", new { name = "Second" }, ifMatch: "\"1\"")).ExpectAsync(HttpStatusCode.OK);

        await (await client.PatchJsonAsync($"/v1/accounts/{id}", new { name = "Lost update" }, ifMatch: "\"1\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.DeleteAsync($"/v1/accounts/{id}", ifMatch: "\"1\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);

        var current = await (await client.GetAsync($"/v1/accounts/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Second", current.GetProperty("name").GetString());
        Assert.Equal(2, current.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Deleting_an_account_with_the_current_etag_removes_it()
    {
        var created = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking())).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        await (await client.DeleteAsync($"/v1/accounts/{id}", ifMatch: "\"1\"")).ExpectAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/v1/accounts/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/v1/accounts/{id}", ifMatch: null)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_patches_with_the_same_if_match_let_exactly_one_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var created = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking())).ExpectAsync(HttpStatusCode.Created);
            var id = created.GetProperty("id").GetString();

            var responses = await Task.WhenAll(
                client.PatchJsonAsync($"/v1/accounts/{id}", new { name = "From phone" }, ifMatch: "\"1\""),
                client.PatchJsonAsync($"/v1/accounts/{id}", new { name = "From laptop" }, ifMatch: "\"1\""));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);
            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync();
            var current = await (await client.GetAsync($"/v1/accounts/{id}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(winner.GetProperty("name").GetString(), current.GetProperty("name").GetString());
            Assert.Equal(2, current.GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task A_malformed_id_is_simply_not_found()
    {
        await (await client.GetAsync("/v1/accounts/not-an-id")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/v1/accounts/{new string('a', 500)}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
