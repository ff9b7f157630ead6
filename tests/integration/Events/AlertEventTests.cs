using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Events;

/// <summary>The alerts a user set fire as events when crossed, once per crossing, and not otherwise.</summary>
public sealed class AlertEventTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.ProvisionAsync("alerting");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Low_balance_large_transaction_and_overspend_fire_when_crossed_and_not_otherwise()
    {
        var feed = await EventFeed.ForAsync(api, "alerting");
        var ledger = new Ledger(await api.ClientAsync("alerting", "gail"));
        var account = await ledger.AccountAsync(opening: 100_000);
        var groceries = await ledger.CategoryAsync("Groceries");
        var none = await (await ledger.Client.GetAsync("/v1/alerts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("lowBalance").GetArrayLength());
        Assert.False(none.GetProperty("overspend").GetBoolean());

        // Nothing set: a large, overspending transaction that empties the account fires nothing.
        await ledger.PostAsync(new { accountId = account, date = "2026-04-01", amount = -95_000L, categoryId = groceries });
        var settings = new { lowBalance = new[] { new { accountId = account, below = 1_000L } }, largeTransaction = 50_000L, overspend = true };
        var set = await (await ledger.Client.PutAsJsonAsync("/v1/alerts", settings)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(50_000, set.GetProperty("largeTransaction").GetInt64());

        // Balance 5,000: above the threshold. A small spend (4,500 left): nothing. A large one into the category:
        // the balance crosses, the transaction is large, the category is overspent. Another while still below: nothing.
        // A large refill (large, and back above), then a fall below again: a new crossing.
        var events = new List<JsonElement>();
        foreach (var (day, amount, category) in new[]
        {
            ("2026-04-02", -500L, (string?)null), ("2026-04-03", -60_000L, groceries), ("2026-04-04", -100L, null),
            ("2026-04-05", 70_000L, null), ("2026-04-06", -14_001L, null),
        })
        {
            // One at a time, each recorded before the next: what is judged is each commit's own crossing.
            var id = (await ledger.PostAsync(new { accountId = account, date = day, amount, categoryId = category })).GetProperty("id").GetString();
            events.AddRange(await feed.ReadUntilAsync(e => e.Any(x => x.GetProperty("type").GetString() == "transaction.created"
                && x.GetProperty("data").GetProperty("id").GetString() == id)));
        }
        events.AddRange(await feed.DrainAsync());
        events = events.Where(e => e.GetProperty("user").GetString() == "gail").ToList();
        var alerts = events.Where(e => EventTypeIsAlert(e.GetProperty("type").GetString()!)).ToList();

        Assert.Equal(["account.balance_below", "account.balance_below", "budget.category_overspent", "transaction.large", "transaction.large"],
            alerts.Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal([-60_000L, 70_000L], alerts.Where(e => e.GetProperty("type").GetString() == "transaction.large")
            .Select(e => e.GetProperty("data").GetProperty("amount").GetInt64()));
        var lows = alerts.Where(e => e.GetProperty("type").GetString() == "account.balance_below").ToList();
        Assert.Equal([-55_500L, 399L], lows.Select(e => e.GetProperty("data").GetProperty("account").GetProperty("balance").GetInt64()));
        Assert.All(lows, e => Assert.Equal(1_000, e.GetProperty("data").GetProperty("below").GetInt64()));
        var overspent = alerts.Single(e => e.GetProperty("type").GetString() == "budget.category_overspent").GetProperty("data");
        Assert.Equal(groceries, overspent.GetProperty("categoryId").GetString());
        Assert.Equal("2026-04", overspent.GetProperty("month").GetString());
        Assert.Equal(-155_000, overspent.GetProperty("available").GetInt64());
    }

    private static bool EventTypeIsAlert(string type) => type is "account.balance_below" or "transaction.large" or "budget.category_overspent";

    [Fact]
    public async Task Alert_settings_are_validated()
    {
        var client = await api.ClientAsync("alerting", "hal");
        var bad = new { lowBalance = new[] { new { accountId = "nope", below = 1L } }, largeTransaction = 0L, overspend = false };
        var problem = await (await client.PutAsJsonAsync("/v1/alerts", bad)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("largeTransaction", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("lowBalance[0].accountId", out _));
    }

    [Fact]
    public async Task Alert_settings_read_back_as_set_and_travel_in_the_portability_export()
    {
        var ledger = new Ledger(await api.ClientAsync("alerting", "ivy"));
        var account = await ledger.AccountAsync();
        var settings = new { lowBalance = new[] { new { accountId = account, below = 2_500L } }, largeTransaction = 75_000L, overspend = true };
        await (await ledger.Client.PutAsJsonAsync("/v1/alerts", settings)).ExpectAsync(HttpStatusCode.OK);

        var read = await (await ledger.Client.GetAsync("/v1/alerts")).ExpectAsync(HttpStatusCode.OK);
        var exported = (await (await ledger.Client.GetAsync("/v1/export")).ExpectAsync(HttpStatusCode.OK)).GetProperty("alerts");
        foreach (var alerts in new[] { read, exported })
        {
            var low = Assert.Single(alerts.GetProperty("lowBalance").EnumerateArray());
            Assert.Equal(account, low.GetProperty("accountId").GetString());
            Assert.Equal(2_500, low.GetProperty("below").GetInt64());
            Assert.Equal(75_000, alerts.GetProperty("largeTransaction").GetInt64());
            Assert.True(alerts.GetProperty("overspend").GetBoolean());
        }
    }
}
