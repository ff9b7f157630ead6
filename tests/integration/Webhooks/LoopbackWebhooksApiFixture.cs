using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>
/// The API allowed to deliver to loopback (the test's receiver), with timeouts and retries short enough to test; API
/// processes started beside it get the same settings (<see cref="ProcessSettings"/>).
/// </summary>
public class LoopbackWebhooksApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?>? ApiSettings => Settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>The same settings as environment variables, for <see cref="ApiProcess.StartAsync"/>.</summary>
    public Dictionary<string, string> ProcessSettings => Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    protected virtual Dictionary<string, string> Settings => new()
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:ConnectTimeout"] = "00:00:01",
        ["Webhooks:RequestTimeout"] = "00:00:02",
        ["Webhooks:RetryBase"] = "00:00:00.2",
        ["Webhooks:RetryCap"] = "00:00:01",
    };
}

/// <summary>Loopback deliveries whose endpoint is disabled after failing for 3 seconds.</summary>
public sealed class QuicklyDisablingWebhooksApiFixture : LoopbackWebhooksApiFixture
{
    protected override Dictionary<string, string> Settings => new(base.Settings) { ["Webhooks:DisableAfter"] = "00:00:03" };
}
