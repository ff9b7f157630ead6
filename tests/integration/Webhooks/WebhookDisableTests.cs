using System.Net;
using BudgetBuddy.IntegrationTests.Events;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>An endpoint that keeps failing is disabled once it has failed for the configured time, and an event says so.</summary>
public sealed class WebhookDisableTests(QuicklyDisablingWebhooksApiFixture api) : IClassFixture<QuicklyDisablingWebhooksApiFixture>
{
    [Fact]
    public async Task An_endpoint_failing_past_the_limit_is_disabled_and_a_webhook_disabled_event_tells_the_other_endpoints()
    {
        const string tenant = "disabling";
        await api.ProvisionAsync(tenant);
        await using var broken = await WebhookReceiver.StartAsync();
        await using var watching = await WebhookReceiver.StartAsync();
        broken.Down = true;
        var failing = await Subscriber.RegisterAsync(api, tenant, broken);
        var watcher = await Subscriber.RegisterAsync(api, tenant, watching, "webhook.disabled");

        var ledger = new Ledger(await api.ClientAsync(tenant, "dina"));
        await ledger.AccountAsync();
        await Eventually.TrueAsync(async () => !(await failing.WebhookAsync()).GetProperty("enabled").GetBoolean(), "the failing endpoint was not disabled");

        var webhook = await failing.WebhookAsync();
        Assert.Contains("Deliveries failed", webhook.GetProperty("disabledReason").GetString(), StringComparison.Ordinal);
        var attempts = await failing.AttemptsAsync();
        Assert.True(attempts.Count >= 2, $"only {attempts.Count} attempts before disabling");
        Assert.All(attempts, a => Assert.Equal("rejected", a.GetProperty("outcome").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attempts[0].GetProperty("nextRetryAt").ValueKind); // the last: no retry follows

        var feed = await (await EventFeed.ForAsync(api, tenant)).ReadUntilAsync(e => e.Count > 0, "webhook.disabled");
        var disabled = Assert.Single(feed);
        Assert.Equal(failing.Id, disabled.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, disabled.GetProperty("user").ValueKind);
        var told = await watcher.DeliveredAsync([disabled.GetProperty("id").GetString()!]);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(disabled.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(told).GetRawText())));

        // Disabled, it is sent nothing more.
        var refused = broken.Refused;
        await ledger.AccountAsync("Savings");
        await Task.Delay(1500);
        Assert.Equal(refused, broken.Refused);
        // Enabled again, it resumes where it stopped: the account events held back arrive, in order.
        broken.Down = false;
        await (await failing.Admin.PatchJsonAsync($"/v1/webhooks/{failing.Id}", new { enabled = true })).ExpectAsync(HttpStatusCode.OK);
        var accounts = await (await EventFeed.ForAsync(api, tenant)).ReadUntilAsync(e => e.Count == 2, "account.created");
        var delivered = await failing.DeliveredAsync([.. accounts.Select(e => e.GetProperty("id").GetString()!)]);
        Assert.Equal(accounts.Select(e => e.GetProperty("id").GetString()), delivered.Where(e => e.GetProperty("type").GetString() == "account.created").Select(e => e.GetProperty("id").GetString()));
    }
}
