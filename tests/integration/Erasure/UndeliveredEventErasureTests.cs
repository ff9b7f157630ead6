using System.Net;
using BudgetBuddy.IntegrationTests.Events;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Sensitive;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.IntegrationTests.Webhooks;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Erasure;

/// <summary>
/// Events of a user that a webhook has not yet received are the user's data too: erasure removes them from the log, so
/// a receiver that comes back gets the other users' events and nothing of the erased one.
/// </summary>
public sealed class UndeliveredEventErasureTests(LoopbackWebhooksApiFixture api) : IClassFixture<LoopbackWebhooksApiFixture>
{
    private const string Tenant = "erasing-undelivered";

    [Fact]
    public async Task Erasing_a_user_takes_their_undelivered_webhook_payloads_with_them()
    {
        await api.ProvisionAsync(Tenant);
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscriber = await Subscriber.RegisterAsync(api, Tenant, receiver);
        receiver.Down = true;

        var erased = await api.ClientAsync(Tenant, "uma");
        var account = await new Ledger(erased).AccountAsync(name: "Uma's everyday");
        await new Ledger(erased).PostAsync(new { accountId = account, date = "2026-07-01", amount = -2_000L, payee = "Pharmacy" });
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Refused > 0), "no delivery was attempted while the receiver was down");
        Assert.Contains(await EventUsersAsync(), u => u == "uma");

        var erasure = await erased.DeleteAsync("/v1/users/me");
        var erasureId = (await erasure.ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            async () => (await (await erased.GetAsync($"/v1/erasures/{erasureId}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("status").GetString() == "completed",
            "the erasure did not complete");
        Assert.DoesNotContain(await EventUsersAsync(), u => u == "uma");
        await new StoredData(api, Tenant).AssertNowhereAtRestAsync("uma");

        // Back up, the receiver gets what another user does next, and never anything of the erased user.
        receiver.Down = false;
        var other = new Ledger(await api.ClientAsync(Tenant, "otto"));
        await other.AccountAsync();
        var feed = await (await EventFeed.ForAsync(api, Tenant)).ReadUntilAsync(e => e.Any(x => x.GetProperty("user").GetString() == "otto"));
        Assert.DoesNotContain(feed, e => e.GetProperty("user").GetString() == "uma");
        var marker = feed.Single(e => e.GetProperty("user").GetString() == "otto").GetProperty("id").GetString()!;
        var delivered = await subscriber.DeliveredAsync([marker]);
        Assert.Contains(delivered, e => e.GetProperty("id").GetString() == marker);
        Assert.DoesNotContain(delivered, e => e.GetProperty("user").GetString() == "uma");
    }

    /// <summary>The users named by the tenant's stored events and pending outbox entries, read raw.</summary>
    private async Task<List<string>> EventUsersAsync() =>
        [.. (await TableItems.AllAsync(api.DynamoClient, api.Tables.Ledger(Tenant)))
            .Where(i => i[LedgerTable.PartitionKey].S.StartsWith("EVENTLOG#", StringComparison.Ordinal) || i[LedgerTable.PartitionKey].S.StartsWith("OUTBOX#", StringComparison.Ordinal))
            .Where(i => i.ContainsKey("user"))
            .Select(i => i["user"].S)];
}
