using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.Api.Webhooks;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>Registration of a tenant's webhook endpoints: admin only, secret shown once and stored sealed, SSRF refused, attempts listed.</summary>
public sealed class WebhooksApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "hooked";
    // A documentation address (TEST-NET-3): public as far as the SSRF guard is concerned, and needs no DNS.
    private const string PublicUrl = "https://203.0.113.10/budgetbuddy";
    private static readonly string[] AllTypes = ["*"];
    private static readonly string[] BankTypes = ["transaction.created", "budget.category_overspent"];
    private static readonly string[] AccountCreated = ["account.created"];
    private static readonly string[] WithUnknownType = ["transaction.created", "transaction.exploded"];

    public Task InitializeAsync() => api.ProvisionAsync(Tenant);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_admin_registers_reads_changes_and_deletes_an_endpoint_that_every_admin_of_the_tenant_shares()
    {
        var admin = await AdminAsync("ada");
        var created = await CreateAsync(admin, new { url = PublicUrl, types = BankTypes, description = "Core banking" });
        var id = created.GetProperty("id").GetString()!;
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(["transaction.created", "budget.category_overspent"], created.GetProperty("types").EnumerateArray().Select(t => t.GetString()));

        // Another administrator of the tenant sees the same endpoint: it is the tenant's, not ada's.
        var other = await AdminAsync("grace");
        var read = await other.GetAsync($"/v1/webhooks/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(PublicUrl, (await read.ExpectAsync(HttpStatusCode.OK)).GetProperty("url").GetString());
        var list = await (await other.GetAsync("/v1/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(id, list.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetString()));

        var patched = await other.PatchJsonAsync($"/v1/webhooks/{id}", new { types = AllTypes, enabled = false }, ifMatch: "\"1\"");
        var changed = await patched.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["*"], changed.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.Equal("Core banking", changed.GetProperty("description").GetString());
        Assert.Equal("\"2\"", patched.Headers.ETag?.Tag);
        await (await admin.PatchJsonAsync($"/v1/webhooks/{id}", new { description = "stale" }, ifMatch: "\"1\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);

        await (await admin.DeleteAsync($"/v1/webhooks/{id}", ifMatch: "\"2\"")).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"/v1/webhooks/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/v1/webhooks/{id}", ifMatch: null)).ExpectProblemAsync(HttpStatusCode.NotFound);

        // Each change is in the audit trail, as a committed change of the webhook.
        var auditor = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        var trail = await (await auditor.GetAsync("/v1/audit?limit=200")).ExpectAsync(HttpStatusCode.OK);
        var actions = trail.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("resources").EnumerateArray().Any(r => r.GetString() == $"webhook/{id}") && e.GetProperty("committed").GetBoolean())
            .Select(e => e.GetProperty("action").GetString())
            .ToList();
        Assert.Equal(["DELETE /v1/webhooks/{id}", "PATCH /v1/webhooks/{id}", "POST /v1/webhooks"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_webhook_route_needs_the_admin_scope()
    {
        var id = (await CreateAsync(await AdminAsync("ada"), new { url = PublicUrl, types = AllTypes })).GetProperty("id").GetString()!;
        var user = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "bob") { Scopes = [Scopes.BudgetRead, Scopes.BudgetWrite, Scopes.AuditRead] }));
        var refused = new[]
        {
            await user.GetAsync("/v1/webhooks"),
            await user.PostJsonAsync("/v1/webhooks", new { url = PublicUrl, types = AllTypes }),
            await user.GetAsync($"/v1/webhooks/{id}"),
            await user.PatchJsonAsync($"/v1/webhooks/{id}", new { enabled = false }),
            await user.DeleteAsync($"/v1/webhooks/{id}", ifMatch: null),
            await user.PostAsync($"/v1/webhooks/{id}/rotate-secret", null),
            await user.GetAsync($"/v1/webhooks/{id}/deliveries"),
        };
        foreach (var response in refused)
        {
            await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.True((await (await (await AdminAsync("ada")).GetAsync($"/v1/webhooks/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task The_secret_is_shown_once_stored_sealed_and_rotation_keeps_the_old_one_signing_for_a_day()
    {
        var admin = await AdminAsync("ada");
        var created = await CreateAsync(admin, new { url = PublicUrl, types = AccountCreated });
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);

        var read = await (await admin.GetAsync($"/v1/webhooks/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(read.TryGetProperty("secret", out _));
        var list = await (await admin.GetAsync("/v1/webhooks")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);

        // Stored in the tenant's own partition, never a user's, and only sealed.
        var stored = (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger(Tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("WEBHOOKS"), [LedgerTable.SortKey] = new AttributeValue($"WEBHOOK#{id}") },
            ConsistentRead = true,
        })).Item;
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored.Values, v => Text(v).Contains(secret["whsec_".Length..], StringComparison.Ordinal));

        var rotated = await (await admin.PostAsync($"/v1/webhooks/{id}/rotate-secret", null)).ExpectAsync(HttpStatusCode.OK);
        var next = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(secret, next);
        var overlapEnds = rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset();
        Assert.InRange(overlapEnds - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        var after = await (await admin.GetAsync($"/v1/webhooks/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(overlapEnds, after.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());
        Assert.False(after.TryGetProperty("secret", out _));

        // The sender signs with both, the new one first, until the overlap ends.
        var endpoint = await Store.EndpointAsync(await TenantAsync(), id, CancellationToken.None);
        Assert.Equal([next, secret], endpoint!.Secrets);
        Assert.DoesNotContain(secret, endpoint.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://localhost:8443/hook", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("https://[::ffff:169.254.169.254]/", "cloud metadata")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://192.168.1.20/hook", "private")]
    [InlineData("https://100.64.0.1/hook", "CGNAT")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("http://203.0.113.10/hook", "https")]
    [InlineData("https://admin:secret@203.0.113.10/hook", "user name")]
    public async Task A_target_inside_the_network_or_without_https_is_refused_at_registration(string url, string reason)
    {
        var admin = await AdminAsync("ada");
        var problem = await (await admin.PostJsonAsync("/v1/webhooks", new { url, types = AllTypes })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("url").EnumerateArray()).GetString();
        Assert.Contains(reason, message, StringComparison.Ordinal);

        var id = (await CreateAsync(admin, new { url = PublicUrl, types = AllTypes })).GetProperty("id").GetString()!;
        var patch = await (await admin.PatchJsonAsync($"/v1/webhooks/{id}", new { url })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(patch.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Event_types_come_from_the_known_list()
    {
        var problem = await (await (await AdminAsync("ada")).PostJsonAsync("/v1/webhooks", new { url = PublicUrl, types = WithUnknownType }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("transaction.exploded", problem.GetProperty("errors").GetProperty("types")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_attempts_are_listed_newest_first_a_page_at_a_time_and_a_failing_endpoint_is_disabled_once()
    {
        var admin = await AdminAsync("ada");
        var id = (await CreateAsync(admin, new { url = PublicUrl, types = AllTypes })).GetProperty("id").GetString()!;
        var tenant = await TenantAsync();
        var deliveries = api.Factory.Services.GetRequiredService<WebhookDeliveries>();
        var start = DateTimeOffset.UtcNow;
        await api.DynamoClient.PutItemAsync(new PutItemRequest { TableName = tenant.LedgerTable, Item = deliveries.Put(tenant, id, new DeliveryAttempt("evt1", "transaction.created", 1,
            new DeliveryOutcome(DeliveryResult.Timeout, null, TimeSpan.FromSeconds(10)), start, start.AddMinutes(1))).Put.Item });
        await api.DynamoClient.PutItemAsync(new PutItemRequest { TableName = tenant.LedgerTable, Item = deliveries.Put(tenant, id, new DeliveryAttempt("evt1", "transaction.created", 2,
            new DeliveryOutcome(DeliveryResult.Delivered, 204, TimeSpan.FromMilliseconds(35)), start.AddMinutes(1), null)).Put.Item });

        var first = await (await admin.GetAsync($"/v1/webhooks/{id}/deliveries?limit=1")).ExpectAsync(HttpStatusCode.OK);
        var newest = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal(2, newest.GetProperty("attempt").GetInt32());
        Assert.Equal("delivered", newest.GetProperty("outcome").GetString());
        Assert.Equal(204, newest.GetProperty("statusCode").GetInt32());
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await (await admin.GetAsync($"/v1/webhooks/{id}/deliveries?limit=1&cursor={Uri.EscapeDataString(cursor)}")).ExpectAsync(HttpStatusCode.OK);
        var oldest = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal("timeout", oldest.GetProperty("outcome").GetString());
        Assert.Equal(start.AddMinutes(1), oldest.GetProperty("nextRetryAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        // Another endpoint's cursor is refused, not read.
        var otherId = (await CreateAsync(admin, new { url = PublicUrl, types = AllTypes })).GetProperty("id").GetString()!;
        await (await admin.GetAsync($"/v1/webhooks/{otherId}/deliveries?cursor={Uri.EscapeDataString(cursor)}")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        // The attempts expire with the retention.
        var stored = await api.DynamoClient.QueryAsync(new QueryRequest
        {
            TableName = api.Tables.Ledger(Tenant),
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue($"WEBHOOK#{id}#DELIVERIES") },
        });
        Assert.Equal(2, stored.Items.Count);
        Assert.All(stored.Items, item => Assert.InRange(
            long.Parse(item[LedgerTable.ExpiresAt].N, System.Globalization.CultureInfo.InvariantCulture) - start.ToUnixTimeSeconds(), 7 * 86_400, 7 * 86_400 + 120));

        // The delivery loop gives up on an endpoint: disabled with its reason, once; enabling it again clears the reason.
        Assert.True(await Store.DisableAsync(tenant, id, "deliveries failed for 24 hours", [], CancellationToken.None));
        Assert.False(await Store.DisableAsync(tenant, id, "deliveries failed for 24 hours", [], CancellationToken.None));
        var disabled = await (await admin.GetAsync($"/v1/webhooks/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("deliveries failed for 24 hours", disabled.GetProperty("disabledReason").GetString());
        Assert.DoesNotContain(await Store.EnabledEndpointsAsync(tenant, CancellationToken.None), e => e.Id == id);
        var enabled = await (await admin.PatchJsonAsync($"/v1/webhooks/{id}", new { enabled = true })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabledReason").ValueKind);
        Assert.Contains(await Store.EnabledEndpointsAsync(tenant, CancellationToken.None), e => e.Id == id);
    }

    [Fact]
    public async Task Without_allow_loopback_the_sender_refuses_a_loopback_target_at_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sender = api.Factory.Services.GetRequiredService<WebhookSender>();
        var endpoint = new WebhookEndpoint("019ab2f4d5e69f7a0b1c2d3e4f5a6b01", new Uri(receiver.BaseUrl.Replace("http://", "https://", StringComparison.Ordinal) + "/ok"), ["*"], true, [WebhookSecret.New()]);
        var outcome = await sender.SendAsync(endpoint, "msg_refused", DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{}"), CancellationToken.None);
        Assert.Equal(DeliveryResult.Refused, outcome.Result);
        var plain = await sender.SendAsync(endpoint with { Url = new Uri(receiver.BaseUrl + "/ok") }, "msg_refused", DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{}"), CancellationToken.None);
        Assert.Equal(DeliveryResult.Refused, plain.Result);
        Assert.Equal(0, receiver.Hits);
    }

    private WebhookStore Store => api.Factory.Services.GetRequiredService<WebhookStore>();

    private async Task<TenantRecord> TenantAsync() =>
        (await api.Factory.Services.GetRequiredService<TenantRegistry>().GetAsync(Tenant, CancellationToken.None)).Record!;

    private async Task<HttpClient> AdminAsync(string user) =>
        api.Client(await api.TokenAsync(new TokenSpec(Tenant, user) { Scopes = [Scopes.Admin] }));

    private static async Task<JsonElement> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostJsonAsync("/v1/webhooks", body);
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/v1/webhooks/{created.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        return created;
    }

    private static string Text(AttributeValue value) =>
        value.S ?? value.N ?? (value.B is { } bytes ? Encoding.UTF8.GetString(bytes.ToArray()) + Convert.ToBase64String(bytes.ToArray()) : "");
}
