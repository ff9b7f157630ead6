using System.Net;
using System.Net.Http.Json;
using BudgetBuddy.IntegrationTests.Accounts;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Changes;

public sealed class ChangeFeedTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private static readonly (string, string)[] Collections = [("account", "/v1/accounts"), ("category", "/v1/categories")];

    public Task InitializeAsync() => api.ProvisionAsync("feed");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Replaying_the_feed_from_empty_reproduces_the_server_state_with_tombstones()
    {
        var client = await api.ClientAsync("feed", "replayer");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking($"Account {i}", i * 100))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }
        var category = (await (await client.PostJsonAsync("/v1/categories", new { name = "Food", group = "Everyday" })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await client.PatchJsonAsync($"/v1/accounts/{ids[1]}", new { name = "Renamed", openingBalance = 999 })).ExpectAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/v1/accounts/{ids[2]}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.PatchJsonAsync($"/v1/categories/{category}", new { hidden = true })).ExpectAsync(HttpStatusCode.OK);

        var replica = new FeedReplica();
        await replica.SyncAsync(client, limit: 2);
        await replica.AssertMatchesServerAsync(client, Collections);

        // Changes after the last sync arrive incrementally, deletes as tombstones.
        await (await client.DeleteAsync($"/v1/categories/{category}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.PatchJsonAsync($"/v1/accounts/{ids[0]}", new { closed = true })).ExpectAsync(HttpStatusCode.OK);
        await replica.SyncAsync(client, limit: 2);
        await replica.AssertMatchesServerAsync(client, Collections);
        Assert.DoesNotContain(("category", category!), replica.Entities.Keys);
    }

    [Fact]
    public async Task Replaying_the_feed_reproduces_transactions_transfers_and_budget_entries_exactly()
    {
        var ledger = new Transactions.Ledger(await api.ClientAsync("feed", "money-replayer"));
        var checking = await ledger.AccountAsync("Checking", 10_000);
        var savings = await ledger.AccountAsync("Savings", 0);
        var food = await ledger.CategoryAsync("Food");
        var rent = await ledger.CategoryAsync("Rent");
        await (await ledger.Client.PutAsJsonAsync($"/v1/budgets/2026-05/categories/{food}", new { assigned = 5_000 })).ExpectAsync(HttpStatusCode.OK);
        var spent = await ledger.PostAsync(new { accountId = checking, date = "2026-05-02", amount = -1_200, categoryId = food });
        var split = await ledger.PostAsync(new
        {
            accountId = checking, date = "2026-05-03", amount = -3_000,
            splits = new object[] { new { categoryId = food, amount = -1_000 }, new { categoryId = rent, amount = -2_000 } },
        });
        var transfer = await ledger.PostAsync(new { accountId = checking, transferAccountId = savings, date = "2026-05-04", amount = -2_500 });

        var replica = new FeedReplica();
        await replica.SyncAsync(ledger.Client, limit: 3);
        await replica.AssertMatchesExportAsync(ledger.Client);

        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{spent.GetProperty("id").GetString()}", new { categoryId = rent, date = "2026-06-01" })).ExpectAsync(HttpStatusCode.OK);
        await (await ledger.Client.DeleteAsync($"/v1/transactions/{split.GetProperty("id").GetString()}", ifMatch: null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{transfer.GetProperty("transferTransactionId").GetString()}", new { amount = 2_000 })).ExpectAsync(HttpStatusCode.OK);
        await (await ledger.Client.PutAsJsonAsync($"/v1/budgets/2026-06/categories/{rent}", new { assigned = 7_000 })).ExpectAsync(HttpStatusCode.OK);

        await replica.SyncAsync(ledger.Client, limit: 3);
        await replica.AssertMatchesExportAsync(ledger.Client);
        Assert.DoesNotContain(("transaction", split.GetProperty("id").GetString()!), replica.Entities.Keys);
    }

    [Fact]
    public async Task Two_hundred_parallel_writes_of_one_user_all_commit_and_a_client_syncing_meanwhile_misses_none()
    {
        var client = await api.ClientAsync("feed", "busy");
        var account = (await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Busy"))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        var replica = new FeedReplica();
        using var writing = new CancellationTokenSource();
        var syncing = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await replica.SyncAsync(client, limit: 7);
            }
        });

        var writes = Enumerable.Range(0, 200).Select(i => i % 4 == 0
            ? client.PatchJsonAsync($"/v1/accounts/{account}", new { name = $"Busy {i}" })
            : client.PostJsonAsync("/v1/categories", new { name = $"Category {i}", group = "Parallel" }));
        var responses = await Task.WhenAll(writes);
        await writing.CancelAsync();
        await syncing;

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await replica.SyncAsync(client, limit: 7);
        await replica.AssertMatchesServerAsync(client, Collections);
        Assert.Equal(150, replica.Entities.Keys.Count(k => k.Type == "category"));
    }

    [Theory]
    [InlineData("since=not-a-cursor")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    public async Task Bad_feed_parameters_are_400(string query)
    {
        var client = await api.ClientAsync("feed", "param");
        await (await client.GetAsync($"/v1/changes?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_user_sees_none_of_my_changes()
    {
        var mine = await api.ClientAsync("feed", "owner");
        var theirs = await api.ClientAsync("feed", "stranger");
        await (await mine.PostJsonAsync("/v1/categories", new { name = "Private", group = "Mine" })).ExpectAsync(HttpStatusCode.Created);

        var page = await (await theirs.GetAsync("/v1/changes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(page.GetProperty("changes").EnumerateArray());
    }
}
