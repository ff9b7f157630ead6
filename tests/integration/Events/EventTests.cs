using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Events;

/// <summary>Every committed change yields exactly one event, in commit order per user, with nothing sealed in it.</summary>
public sealed class EventTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("eventful");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_committed_change_is_one_event_in_commit_order_and_failed_writes_are_none()
    {
        var feed = await EventFeed.ForAsync(api, "eventful");
        await feed.DrainAsync();
        var ledger = new Ledger(await api.ClientAsync("eventful", "erin"));
        var account = await ledger.AccountAsync(opening: 10_000);
        var category = await ledger.CategoryAsync();
        var created = await ledger.PostAsync(new { accountId = account, date = "2026-03-01", amount = -2_500L, categoryId = category, payee = "Grocer" });
        var id = created.GetProperty("id").GetString()!;
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { memo = "weekly" })).ExpectAsync(HttpStatusCode.OK);
        // A write that fails its condition commits nothing and announces nothing.
        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { memo = "stale" }, ifMatch: "\"1\""))
            .ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await ledger.Client.DeleteAsync($"/v1/transactions/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await ledger.Client.PatchJsonAsync("/v1/settings", new { homeCurrency = "USD" })).ExpectAsync(HttpStatusCode.OK);

        var events = (await feed.ReadUntilAsync(e => e.Any(x => x.GetProperty("type").GetString() == "settings.updated")))
            .Where(e => e.GetProperty("user").GetString() == "erin").ToList();
        var expected = new[]
        {
            "account.created",
            "category.created",
            "transaction.created", "account.updated", "budget.updated",
            "transaction.updated",
            "transaction.deleted", "account.updated", "budget.updated",
            "settings.updated",
        };
        Assert.Equal(expected, events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(events, e => Assert.Equal("eventful", e.GetProperty("tenant").GetString()));
        Assert.Equal(account, events[0].GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(-2_500, events[2].GetProperty("data").GetProperty("amount").GetInt64());
        // Payee and memos never ride in events: a transaction may turn sensitive later, where events cannot be resealed.
        Assert.Equal(JsonValueKind.Null, events[2].GetProperty("data").GetProperty("payee").ValueKind);
        Assert.Equal(id, events[6].GetProperty("data").GetProperty("id").GetString());
        var times = events.Select(e => e.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        // Nothing more arrives: no event twice, none for the refused write.
        var after = await feed.DrainAsync();
        Assert.DoesNotContain(after, e => e.GetProperty("user").GetString() == "erin");
    }

    [Fact]
    public async Task Sensitive_transactions_and_cards_reach_events_without_payee_memo_or_card_number()
    {
        var feed = await EventFeed.ForAsync(api, "eventful");
        await feed.DrainAsync();
        var client = await api.ClientAsync("eventful", "sam");
        var ledger = new Ledger(client);
        await SensitiveDataConsent.GrantAsync(client);
        var account = await ledger.AccountAsync();
        await ledger.PostAsync(new { accountId = account, date = "2026-03-02", amount = -9_000L, payee = "Oncology Clinic", memo = "chemo", sensitive = true });
        await (await client.PostJsonAsync("/v1/cards", new { pan = "4111 1111 1111 1111", expMonth = 12, expYear = 2030, holderName = "Sam", accountId = account }))
            .ExpectAsync(HttpStatusCode.Created);

        var events = await feed.ReadUntilAsync(e => e.Any(x => x.GetProperty("type").GetString() == "card.created"));
        var raw = string.Join('\n', events.Select(e => e.GetRawText()));
        Assert.DoesNotContain("Oncology", raw);
        Assert.DoesNotContain("chemo", raw);
        Assert.DoesNotContain("4111111111111111", raw);
        Assert.DoesNotContain("4111 1111 1111 1111", raw);
        var transaction = events.Single(e => e.GetProperty("type").GetString() == "transaction.created").GetProperty("data");
        Assert.True(transaction.GetProperty("sensitive").GetBoolean());
        Assert.Equal(-9_000, transaction.GetProperty("amount").GetInt64());
        Assert.Equal("1111", events.Single(e => e.GetProperty("type").GetString() == "card.created").GetProperty("data").GetProperty("last4").GetString());
    }

    [Fact]
    public async Task Feed_needs_the_events_scope_and_filters_by_type()
    {
        var user = await api.ClientAsync("eventful", "nosy");
        await (await user.GetAsync("/v1/events")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var feed = await EventFeed.ForAsync(api, "eventful");
        await (await feed.Client.GetAsync("/v1/events?types=account.exploded")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await feed.Client.GetAsync("/v1/events?since=nonsense")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var ledger = new Ledger(await api.ClientAsync("eventful", "fran"));
        await ledger.AccountAsync("One");
        await ledger.CategoryAsync("Rent");
        await ledger.AccountAsync("Two");
        var accounts = await feed.ReadUntilAsync(e => e.Count(x => x.GetProperty("user").GetString() == "fran") >= 2, types: "account.created");
        Assert.All(accounts, e => Assert.Equal("account.created", e.GetProperty("type").GetString()));
        Assert.Equal(["One", "Two"], accounts.Where(e => e.GetProperty("user").GetString() == "fran").Select(e => e.GetProperty("data").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Many_users_writing_at_once_each_get_every_event_once_in_their_commit_order()
    {
        var feed = await EventFeed.ForAsync(api, "eventful");
        await feed.DrainAsync();
        var users = Enumerable.Range(0, 12).Select(i => $"racer{i}").ToList();
        var accounts = new Dictionary<string, (Ledger Ledger, string Account)>();
        foreach (var user in users)
        {
            var ledger = new Ledger(await api.ClientAsync("eventful", user));
            accounts[user] = (ledger, await ledger.AccountAsync());
        }
        await Task.WhenAll(users.Select(async user =>
        {
            var (ledger, account) = accounts[user];
            for (var i = 1; i <= 10; i++)
            {
                await ledger.PostAsync(new { accountId = account, date = "2026-03-03", amount = (long)-i });
            }
        }));
        var events = await feed.ReadUntilAsync(e => e.Count(x => x.GetProperty("type").GetString() == "transaction.created") >= users.Count * 10);
        foreach (var user in users)
        {
            var amounts = events.Where(e => e.GetProperty("user").GetString() == user && e.GetProperty("type").GetString() == "transaction.created")
                .Select(e => e.GetProperty("data").GetProperty("amount").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)-i), amounts);
        }
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    }
}
