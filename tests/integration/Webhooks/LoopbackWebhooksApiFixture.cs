using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>The API allowed to deliver to loopback (the test's receiver), with timeouts short enough to test.</summary>
public sealed class LoopbackWebhooksApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?>? ApiSettings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:ConnectTimeout"] = "00:00:01",
        ["Webhooks:RequestTimeout"] = "00:00:02",
    };
}
