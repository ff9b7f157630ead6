using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBuddy.IntegrationTests.Events;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>
/// Events reach a receiver on loopback through the delivery loop: each committed change once, signed with the secret
/// shown at registration, in each user's commit order; retried while the receiver is down and delivered in order once
/// it is back; sent again from a point on request.
/// </summary>
public sealed class WebhookDeliveryTests(LoopbackWebhooksApiFixture api) : IClassFixture<LoopbackWebhooksApiFixture>, IAsyncLifetime
{
    private static readonly string[] Users = ["dora", "dave"];
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Every_committed_change_reaches_the_receiver_once_signed_and_in_each_users_commit_order()
    {
        const string tenant = "delivering";
        await api.ProvisionAsync(tenant);
        var subscriber = await Subscriber.RegisterAsync(api, tenant, receiver);
        await Task.WhenAll(Users.Select(async user =>
        {
            var ledger = new Ledger(await api.ClientAsync(tenant, user));
            var account = await ledger.AccountAsync(opening: 5_000);
            var category = await ledger.CategoryAsync();
            string? last = null;
            for (var i = 0; i < 8; i++)
            {
                last = (await ledger.PostAsync(new { accountId = account, date = "2026-04-02", amount = -100L - i, categoryId = category })).GetProperty("id").GetString();
            }
            await (await ledger.Client.DeleteAsync($"/v1/transactions/{last}")).ExpectAsync(HttpStatusCode.NoContent);
            await (await ledger.Client.PatchJsonAsync("/v1/settings", new { homeCurrency = "EUR" })).ExpectAsync(HttpStatusCode.OK);
        }));

        var feed = await (await EventFeed.ForAsync(api, tenant)).ReadUntilAsync(e => e.Count(x => x.GetProperty("type").GetString() == "settings.updated") == 2);
        var delivered = await subscriber.DeliveredAsync(Ids(feed));
        // Quiet for a second more: a second copy of anything would have come by now.
        await Task.Delay(1000);
        delivered = subscriber.Delivered();

        Assert.Equal(Ids(feed).Order(), Ids(delivered).Order());
        foreach (var user in Users)
        {
            Assert.Equal(Ids(feed.Where(e => User(e) == user)), Ids(delivered.Where(e => User(e) == user)));
        }
        // The body is the feed's event.
        var first = feed[0];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(first.GetRawText()), JsonNode.Parse(delivered.Single(e => e.GetProperty("id").GetString() == first.GetProperty("id").GetString()).GetRawText())));
        var attempts = await subscriber.AttemptsAsync();
        Assert.All(attempts, a => Assert.Equal("delivered", a.GetProperty("outcome").GetString()));
        Assert.Equal(feed.Count, attempts.Count);
    }

    [Fact]
    public async Task While_the_receiver_is_down_deliveries_are_retried_and_arrive_in_order_once_it_is_back()
    {
        const string tenant = "receiver-down";
        await api.ProvisionAsync(tenant);
        var subscriber = await Subscriber.RegisterAsync(api, tenant, receiver, "transaction.created");
        receiver.Down = true;
        var ledger = new Ledger(await api.ClientAsync(tenant, "rita"));
        var account = await ledger.AccountAsync();
        for (var i = 0; i < 6; i++)
        {
            await ledger.PostAsync(new { accountId = account, date = "2026-04-03", amount = -10L - i });
        }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Refused >= 3), "the receiver was not tried three times while down");
        Assert.Empty(receiver.Received);
        var failed = (await subscriber.AttemptsAsync()).Where(a => a.GetProperty("outcome").GetString() == "rejected").ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, a =>
        {
            Assert.Equal(503, a.GetProperty("statusCode").GetInt32());
            Assert.Equal(JsonValueKind.String, a.GetProperty("nextRetryAt").ValueKind);
        });
        // Every retry is of the first event: those after it wait behind it.
        Assert.Single(failed.Select(a => a.GetProperty("eventId").GetString()).Distinct());
        Assert.Contains(failed, a => a.GetProperty("attempt").GetInt32() >= 2);

        // A replay from a later time asked for meanwhile skips nothing the endpoint has yet to receive.
        await (await subscriber.Admin.PostAsync($"/v1/webhooks/{subscriber.Id}/replay?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))}", null))
            .ExpectAsync(HttpStatusCode.Accepted);
        receiver.Down = false;
        var feed = await (await EventFeed.ForAsync(api, tenant)).ReadUntilAsync(e => e.Count(x => x.GetProperty("type").GetString() == "transaction.created") == 6, "transaction.created");
        var delivered = await subscriber.DeliveredAsync(Ids(feed));
        Assert.Equal(Ids(feed), Ids(delivered));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => -10L - i), delivered.Select(e => e.GetProperty("data").GetProperty("amount").GetInt64()));
    }

    [Fact]
    public async Task A_replay_sends_again_in_order_every_event_committed_since_the_time_asked()
    {
        const string tenant = "replaying";
        await api.ProvisionAsync(tenant);
        var subscriber = await Subscriber.RegisterAsync(api, tenant, receiver, "transaction.created");
        var ledger = new Ledger(await api.ClientAsync(tenant, "remy"));
        var account = await ledger.AccountAsync();
        await ledger.PostAsync(new { accountId = account, date = "2026-04-04", amount = -1L });
        var feed = await EventFeed.ForAsync(api, tenant);
        var before = await feed.ReadUntilAsync(e => e.Count == 1, "transaction.created");
        await subscriber.DeliveredAsync(Ids(before));
        await Task.Delay(1100);
        var since = DateTimeOffset.UtcNow;
        for (var i = 2; i <= 4; i++)
        {
            await ledger.PostAsync(new { accountId = account, date = "2026-04-04", amount = -(long)i });
        }
        var after = await feed.ReadUntilAsync(e => e.Count == 3, "transaction.created");
        await subscriber.DeliveredAsync(Ids(after));

        var replay = await (await subscriber.Admin.PostAsync($"/v1/webhooks/{subscriber.Id}/replay?since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}", null))
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(subscriber.Id, replay.GetProperty("webhookId").GetString());

        await Eventually.TrueAsync(() => Task.FromResult(subscriber.Delivered().Count >= 7), "the replay did not send the three events again");
        await Task.Delay(1000);
        var ids = Ids(subscriber.Delivered());
        // The event before the time asked is not sent again; those after it are, in the same order.
        Assert.Equal(Ids(before).Concat(Ids(after)).Concat(Ids(after)), ids);

        foreach (var bad in new[] { "yesterday", DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddDays(-8).ToString("O", CultureInfo.InvariantCulture) })
        {
            var problem = await (await subscriber.Admin.PostAsync($"/v1/webhooks/{subscriber.Id}/replay?since={Uri.EscapeDataString(bad)}", null)).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("since", out _));
        }
        await (await subscriber.Admin.PostAsync($"/v1/webhooks/{Guid.NewGuid():N}/replay?since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}", null))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private static string? User(JsonElement e) => e.GetProperty("user").GetString();

    private static List<string> Ids(IEnumerable<JsonElement> events) => [.. events.Select(e => e.GetProperty("id").GetString()!)];
}
