using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.IntegrationTests.Webhooks;

namespace BudgetBuddy.IntegrationTests.Events;

/// <summary>
/// Several API processes on one store delivering to one webhook receiver. In steady state each event is delivered
/// once; with one process killed while users write through both, every acknowledged change still has its event
/// exactly once in the feed and delivered at least once, in each user's commit order.
/// </summary>
public sealed class EventFailoverTests(LoopbackWebhooksApiFixture api) : IClassFixture<LoopbackWebhooksApiFixture>
{
    [Fact]
    public async Task Two_processes_deliver_each_event_once()
    {
        const string tenant = "two-pods";
        await api.ProvisionAsync(tenant);
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscriber = await Subscriber.RegisterAsync(api, tenant, receiver, "transaction.created");
        await using var first = await ApiProcess.StartAsync(api, "first", api.ProcessSettings);
        await using var second = await ApiProcess.StartAsync(api, "second", api.ProcessSettings);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async u =>
        {
            var token = await api.TokenAsync(tenant, $"steady{u}");
            var ledgers = new[] { new Ledger(first.Client(token)), new Ledger(second.Client(token)) };
            var account = await ledgers[0].AccountAsync();
            for (var i = 0; i < 10; i++)
            {
                await ledgers[i % 2].PostAsync(new { accountId = account, date = "2026-05-02", amount = -1L - i });
            }
        }));

        var feed = await (await EventFeed.ForAsync(api, tenant)).ReadUntilAsync(e => e.Count >= 80, "transaction.created");
        Assert.Equal(80, feed.Count);
        await subscriber.DeliveredAsync([.. feed.Select(e => e.GetProperty("id").GetString()!)]);
        await Task.Delay(1500);
        var delivered = subscriber.Delivered();
        Assert.Equal(feed.Select(e => e.GetProperty("id").GetString()).Order(), delivered.Select(e => e.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task Events_of_every_acknowledged_write_arrive_once_when_a_process_is_killed()
    {
        await api.ProvisionAsync("failing-over");
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscriber = await Subscriber.RegisterAsync(api, "failing-over", receiver, "transaction.created");
        await using var first = await ApiProcess.StartAsync(api, "first", api.ProcessSettings);
        await using var second = await ApiProcess.StartAsync(api, "second", api.ProcessSettings);
        var users = Enumerable.Range(0, 8).Select(i => $"mover{i}").ToList();
        var ledgers = new Dictionary<string, (Ledger OnFirst, Ledger OnSecond, string Account)>();
        foreach (var user in users)
        {
            var token = await api.TokenAsync("failing-over", user);
            var onFirst = new Ledger(first.Client(token));
            ledgers[user] = (onFirst, new Ledger(second.Client(token)), await onFirst.AccountAsync());
        }

        async Task WriteAsync(int from, int to, bool firstAlive) => await Task.WhenAll(users.Select(async user =>
        {
            var (onFirst, onSecond, account) = ledgers[user];
            for (var i = from; i < to; i++)
            {
                var ledger = firstAlive && i % 2 == 0 ? onFirst : onSecond;
                await ledger.PostAsync(new { accountId = account, date = "2026-05-01", amount = -1L - i });
            }
        }));
        await WriteAsync(0, 10, firstAlive: true);
        await first.KillAsync();
        await WriteAsync(10, 20, firstAlive: false);

        var feed = await EventFeed.ForAsync(api, "failing-over");
        var created = (await feed.ReadUntilAsync(e => e.Count(x => x.GetProperty("type").GetString() == "transaction.created") >= users.Count * 20))
            .Where(e => e.GetProperty("type").GetString() == "transaction.created").ToList();
        created.AddRange((await feed.DrainAsync()).Where(e => e.GetProperty("type").GetString() == "transaction.created"));
        foreach (var user in users)
        {
            Assert.Equal(
                Enumerable.Range(0, 20).Select(i => -1L - i),
                created.Where(e => e.GetProperty("user").GetString() == user).Select(e => e.GetProperty("data").GetProperty("amount").GetInt64()));
        }

        // Delivered at least once (what the killed process sent but did not record goes again), in each user's order
        // of first arrival.
        var delivered = (await subscriber.DeliveredAsync([.. created.Select(e => e.GetProperty("id").GetString()!)]))
            .DistinctBy(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(created.Select(e => e.GetProperty("id").GetString()).Order(), delivered.Select(e => e.GetProperty("id").GetString()).Order());
        foreach (var user in users)
        {
            Assert.Equal(
                created.Where(e => User(e) == user).Select(e => e.GetProperty("id").GetString()),
                delivered.Where(e => User(e) == user).Select(e => e.GetProperty("id").GetString()));
        }
    }

    private static string? User(JsonElement e) => e.GetProperty("user").GetString();
}
