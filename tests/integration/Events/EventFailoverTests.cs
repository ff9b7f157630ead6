using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Events;

/// <summary>
/// Several API processes on one store, one of them killed while users write through both: every acknowledged change
/// has its event exactly once, in each user's commit order.
/// </summary>
public sealed class EventFailoverTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Events_of_every_acknowledged_write_arrive_once_when_a_process_is_killed()
    {
        await api.ProvisionAsync("failing-over");
        await using var first = await ApiProcess.StartAsync(api, "first", new Dictionary<string, string>());
        await using var second = await ApiProcess.StartAsync(api, "second", new Dictionary<string, string>());
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
    }
}
