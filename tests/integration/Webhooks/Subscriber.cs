using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using StandardWebhooks;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>
/// A bank's back office subscribed to a tenant's events: a webhook endpoint registered through the API, pointing at a
/// loopback receiver, and what the receiver got, each delivery's signature verified with the secret shown at
/// registration.
/// </summary>
internal sealed class Subscriber
{
    private Subscriber(HttpClient admin, WebhookReceiver receiver, string id, string secret)
    {
        Admin = admin;
        Receiver = receiver;
        Id = id;
        Secret = secret;
    }

    public HttpClient Admin { get; }

    public WebhookReceiver Receiver { get; }

    public string Id { get; }

    public string Secret { get; }

    public static async Task<Subscriber> RegisterAsync(ApiFixture api, string tenant, WebhookReceiver receiver, params string[] types)
    {
        var admin = api.Client(await api.TokenAsync(new TokenSpec(tenant, "back-office-admin") { Scopes = [Scopes.Admin] }));
        var created = await (await admin.PostJsonAsync("/v1/webhooks", new { url = receiver.BaseUrl + "/ok", types = types.Length == 0 ? ["*"] : types }))
            .ExpectAsync(HttpStatusCode.Created);
        return new Subscriber(admin, receiver, created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    /// <summary>Every delivery received so far, in arrival order, each verified with the secret (a forged one throws).</summary>
    public List<JsonElement> Delivered()
    {
        var webhook = new StandardWebhook(Secret);
        return [.. Receiver.Received.Select(r =>
        {
            webhook.Verify(r.Body, r.Headers);
            var body = JsonDocument.Parse(r.Body).RootElement.Clone();
            Assert.Equal(body.GetProperty("id").GetString(), r.Headers["webhook-id"].ToString());
            return body;
        })];
    }

    /// <summary>Waits until the receiver has events with every one of <paramref name="ids"/> (or 30 s pass), then returns all it has.</summary>
    public async Task<List<JsonElement>> DeliveredAsync(IReadOnlyCollection<string> ids)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var delivered = Delivered();
            var seen = delivered.Select(e => e.GetProperty("id").GetString()).ToHashSet();
            if (ids.All(seen.Contains) || DateTime.UtcNow > deadline)
            {
                return delivered;
            }
            await Task.Delay(100);
        }
    }

    public async Task<JsonElement> WebhookAsync() => await (await Admin.GetAsync($"/v1/webhooks/{Id}")).ExpectAsync(HttpStatusCode.OK);

    public async Task<List<JsonElement>> AttemptsAsync() =>
        [.. (await (await Admin.GetAsync($"/v1/webhooks/{Id}/deliveries?limit=100")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
}
