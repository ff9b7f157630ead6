using System.Net;
using BudgetBuddy.Api.Webhooks;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>The guard inside the connection: what it checks is what the socket connects to, however DNS answers between.</summary>
public sealed class GuardedConnectionTests
{
    [Fact]
    public async Task A_name_that_rebinds_to_a_private_address_after_registration_is_refused_at_connect()
    {
        var dns = new ChangingDns("rebind.example.com", ["93.184.215.14"], ["10.0.0.7"]);
        var targets = new WebhookTargets(dns, Options.Create(new WebhooksOptions()));
        Assert.Null(await targets.ProblemAsync(new Uri("https://rebind.example.com/hook"), CancellationToken.None));

        using var client = Client(targets);
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri("https://rebind.example.com/hook"), new StringContent("{}")));
        var refused = Assert.IsType<WebhookTargetRefusedException>(failure.InnerException);
        Assert.Contains("10.0.0.7, a private address", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_the_guard_checked()
    {
        await using var receiver = LoopbackServer.Create();
        receiver.MapPost("/hook", () => Results.Text("checked"));
        await receiver.StartAsync();
        var port = new Uri(receiver.BaseUrl()).Port;
        // Only the guard's resolver knows this name: an answer means the socket used the address it checked.
        var dns = new ChangingDns("receiver.test", ["127.0.0.1"], ["127.0.0.1"]);
        var targets = new WebhookTargets(dns, Options.Create(new WebhooksOptions { AllowLoopback = true }));

        using var client = Client(targets);
        using var response = await client.PostAsync(new Uri($"http://receiver.test:{port}/hook"), new StringContent("{}"));
        Assert.Equal("checked", await response.Content.ReadAsStringAsync());

        var strict = new WebhookTargets(dns, Options.Create(new WebhooksOptions()));
        using var refusing = Client(strict);
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.PostAsync(new Uri($"http://receiver.test:{port}/hook"), new StringContent("{}")));
        Assert.IsType<WebhookTargetRefusedException>(failure.InnerException);
    }

    private static HttpClient Client(WebhookTargets targets) =>
        new(new SocketsHttpHandler { ConnectCallback = targets.ConnectAsync, UseProxy = false, AllowAutoRedirect = false });
}
