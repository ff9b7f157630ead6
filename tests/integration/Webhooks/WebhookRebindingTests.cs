using System.Net;
using BudgetBuddy.Api.Webhooks;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>The API whose webhook guard asks a DNS that answers a public address at registration and a private one after.</summary>
public sealed class RebindingDnsApiFixture : ApiFixture
{
    public const string Host = "hooks.rebinding.test";

    protected override Action<IServiceCollection>? ApiServices => services =>
        services.Replace(ServiceDescriptor.Singleton<IHostAddresses>(new ChangingDns(Host, ["93.184.215.14"], ["10.0.0.7"])));
}

/// <summary>A target checked at registration is checked again at every delivery: DNS that changes in between gains nothing.</summary>
public sealed class WebhookRebindingTests(RebindingDnsApiFixture api) : IClassFixture<RebindingDnsApiFixture>
{
    private static readonly string[] Everything = ["*"];

    [Fact]
    public async Task A_host_that_turns_private_after_registration_is_refused_at_delivery()
    {
        const string tenant = "rebinding";
        await api.ProvisionAsync(tenant);
        var admin = api.Client(await api.TokenAsync(new TokenSpec(tenant, "admin") { Scopes = [BudgetBuddy.TenantContracts.Scopes.Admin] }));
        var created = await (await admin.PostJsonAsync("/v1/webhooks", new { url = $"https://{RebindingDnsApiFixture.Host}/hook", types = Everything }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        await new Ledger(await api.ClientAsync(tenant, "rob")).AccountAsync();

        var attempts = new List<System.Text.Json.JsonElement>();
        await Eventually.TrueAsync(async () =>
        {
            attempts = [.. (await (await admin.GetAsync($"/v1/webhooks/{id}/deliveries")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
            return attempts.Count > 0;
        }, "no delivery was attempted");
        Assert.All(attempts, a => Assert.Equal("refused", a.GetProperty("outcome").GetString()));
        Assert.Contains(api.Factory.Logs.Lines, l => l.Contains("refused by the SSRF guard", StringComparison.Ordinal) && l.Contains("10.0.0.7", StringComparison.Ordinal));
    }
}
