using System.Net;
using System.Text;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.Api.Webhooks;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>
/// Deliveries to a receiver on loopback (allowed by configuration here): signed so the receiver verifies them with
/// its secret, cut off at the timeout, never following a redirect, reading only so much of an answer.
/// </summary>
public sealed class WebhookSenderTests(LoopbackWebhooksApiFixture api) : IClassFixture<LoopbackWebhooksApiFixture>, IAsyncLifetime
{
    private const string Tenant = "receiving";
    private static readonly string[] TransactionCreated = ["transaction.created"];
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync(Tenant);
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task The_receiver_verifies_every_delivery_with_the_secret_it_was_shown_before_and_after_a_rotation()
    {
        var admin = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "ada") { Scopes = [Scopes.Admin] }));
        var created = await (await admin.PostJsonAsync("/v1/webhooks", new { url = receiver.BaseUrl + "/ok", types = TransactionCreated }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        var payload = """{"id":"evt_1","type":"transaction.created","data":{"amount":-4250,"payee":"Café"}}""";
        var outcome = await SendAsync(id, "evt_1", payload);
        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        Assert.Equal(204, outcome.StatusCode);
        Assert.True(receiver.Received.TryDequeue(out var first));
        Assert.Equal(payload, first.Body);
        Assert.Equal("evt_1", first.Headers["webhook-id"].ToString());
        Assert.Equal("application/json; charset=utf-8", first.Headers.ContentType.ToString());
        new StandardWebhook(secret).Verify(first.Body, first.Headers);

        // After a rotation each secret verifies: the receiver switches when it likes within the overlap.
        var rotated = (await (await admin.PostAsync($"/v1/webhooks/{id}/rotate-secret", null)).ExpectAsync(HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        Assert.Equal(DeliveryResult.Delivered, (await SendAsync(id, "evt_2", payload)).Result);
        Assert.True(receiver.Received.TryDequeue(out var second));
        new StandardWebhook(rotated).Verify(second.Body, second.Headers);
        var signatures = second.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        var old = new HeaderDictionaryCopy(second.Headers) { ["webhook-signature"] = signatures[1] };
        new StandardWebhook(secret).Verify(second.Body, old);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(WebhookSecret.New()).Verify(second.Body, second.Headers));
    }

    [Fact]
    public async Task A_slow_receiver_times_out_a_redirect_is_not_followed_and_a_flood_is_cut_short()
    {
        var timeoutsBefore = await DeliveriesCountedAsync("timeout");
        var slow = await SendToAsync("/slow");
        Assert.Equal(DeliveryResult.Timeout, slow.Result);
        Assert.InRange(slow.Duration, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        Assert.True(await DeliveriesCountedAsync("timeout") > timeoutsBefore, "the timeout was not counted in budgetbuddy_webhook_deliveries_total");

        var redirected = await SendToAsync("/redirect");
        Assert.Equal(DeliveryResult.Rejected, redirected.Result);
        Assert.Equal(302, redirected.StatusCode);
        Assert.Empty(receiver.Received);

        var flood = await SendToAsync("/flood");
        Assert.Equal(DeliveryResult.Delivered, flood.Result);
        Assert.True(flood.Duration < TimeSpan.FromSeconds(2), $"reading a 64 MiB answer took {flood.Duration}");

        // Nothing listens on port 1: a network error, not a timeout.
        var closed = await Sender.SendAsync(Endpoint("http://127.0.0.1:1/ok"), "evt_closed", DateTimeOffset.UtcNow, "{}"u8.ToArray(), CancellationToken.None);
        Assert.Equal(DeliveryResult.NetworkError, closed.Result);
    }

    [Fact]
    public async Task Loopback_being_allowed_still_refuses_every_other_inside_address_at_delivery()
    {
        var refused = await Sender.SendAsync(Endpoint("https://10.0.0.1/hook"), "evt_private", DateTimeOffset.UtcNow, "{}"u8.ToArray(), CancellationToken.None);
        Assert.Equal(DeliveryResult.Refused, refused.Result);
        var metadata = await Sender.SendAsync(Endpoint("http://169.254.169.254/latest/meta-data/"), "evt_meta", DateTimeOffset.UtcNow, "{}"u8.ToArray(), CancellationToken.None);
        Assert.Equal(DeliveryResult.Refused, metadata.Result);
    }

    private static async Task<double> DeliveriesCountedAsync(string outcome)
    {
        var count = await BudgetBuddy.TestSupport.MetricValues.ReadAsync(Prometheus.Metrics.DefaultRegistry, "budgetbuddy_webhook_deliveries_total", $"outcome=\"{outcome}\"");
        return double.IsNaN(count) ? 0 : count;
    }

    private WebhookSender Sender => api.Factory.Services.GetRequiredService<WebhookSender>();

    private Task<DeliveryOutcome> SendToAsync(string path) =>
        Sender.SendAsync(Endpoint(receiver.BaseUrl + path), "evt_" + path.Trim('/'), DateTimeOffset.UtcNow, "{}"u8.ToArray(), CancellationToken.None);

    private static WebhookEndpoint Endpoint(string url) => new("019ab2f4d5e69f7a0b1c2d3e4f5a6b01", new Uri(url), ["*"], true, [WebhookSecret.New()]);

    private async Task<DeliveryOutcome> SendAsync(string id, string eventId, string payload)
    {
        var tenant = (await api.Factory.Services.GetRequiredService<TenantRegistry>().GetAsync(Tenant, CancellationToken.None)).Record!;
        var endpoint = await api.Factory.Services.GetRequiredService<WebhookStore>().EndpointAsync(tenant, id, CancellationToken.None);
        return await Sender.SendAsync(endpoint!, eventId, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(payload), CancellationToken.None);
    }

    /// <summary>A receiver's headers with one replaced, as a receiver that checks one signature at a time sees them.</summary>
    private sealed class HeaderDictionaryCopy : Microsoft.AspNetCore.Http.HeaderDictionary
    {
        public HeaderDictionaryCopy(Microsoft.AspNetCore.Http.IHeaderDictionary headers)
        {
            foreach (var (name, value) in headers)
            {
                this[name] = value;
            }
        }
    }
}
