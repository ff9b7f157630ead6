using BudgetBuddy.Operator.Tenants;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>Events as <c>kubectl describe</c> shows them: a repeated finding is one Event with a count, not a flood.</summary>
public sealed class TenantEventAggregationTests(OperatorFixture op, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task A_persistent_error_is_one_event_whose_count_and_last_timestamp_grow()
    {
        // Every read of the tenant's Secret fails, so every reconcile (retried with backoff) meets the same error.
        op.Kube.FailNext(10_000, 500, pathContains: "/secrets/stuck-budgetbuddy");
        try
        {
            await op.ApplyAsync("stuck", new { });

            await op.Kube.WaitForAsync(() => Errors().Any(e => e["count"]?.GetValue<int>() >= 3), TimeSpan.FromSeconds(30));

            var error = Assert.Single(Errors());
            Assert.Equal("Warning", error["type"]!.GetValue<string>());
            Assert.True(error["lastTimestamp"]!.GetValue<DateTime>() > error["firstTimestamp"]!.GetValue<DateTime>());
            var failedReads = op.Kube.Requests.Count(r => r.Path.EndsWith("/secrets/stuck-budgetbuddy", StringComparison.Ordinal));
            Assert.True(failedReads >= 3, $"{failedReads} failed reads of the Secret");
            output.WriteLine($"{failedReads} failed reads of the Secret, one Error event with count {error["count"]}");
        }
        finally
        {
            op.Kube.ClearFaults();
        }

        // The error goes away; the same tenant's other findings are Events of their own.
        await op.WaitForConditionAsync("stuck", TenantConditionTypes.Ready, "True");
        Assert.Single(Errors());
    }

    private List<System.Text.Json.Nodes.JsonObject> Errors() =>
    [
        .. op.Kube.Events.Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == "stuck" && e["reason"]?.GetValue<string>() == TenantReasons.Error),
    ];
}
