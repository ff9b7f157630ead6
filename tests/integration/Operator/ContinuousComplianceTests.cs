using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport;
using Prometheus;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>The operator checks every Ready tenant's controls periodically and exports each as a gauge the alert reads.</summary>
public sealed class ContinuousComplianceTests(ContinuousComplianceTests.Fixture op) : IClassFixture<ContinuousComplianceTests.Fixture>
{
    public sealed class Fixture : OperatorFixture
    {
        protected override TimeSpan ComplianceInterval => TimeSpan.FromSeconds(1);
    }

    private const string Gauge = "budgetbuddy_compliance_control_status";
    private const string Labels = "tenant=\"watched\",control=\"no-plaintext-pan\"";

    [Fact]
    public async Task A_control_that_starts_failing_shows_as_0_at_the_next_check_and_as_1_once_it_passes_again()
    {
        await op.ApplyAsync("watched", new { displayName = "Watched Credit Union" });
        await op.WaitForConditionAsync("watched", TenantConditionTypes.Ready, "True");
        Assert.Equal(1, await GaugeAsync(value => value == 1));
        // The retention policy is a control like the others: time to live is on for both tables.
        Assert.Equal(1, await MetricValues.ReadAsync(Metrics.DefaultRegistry, Gauge, "tenant=\"watched\",control=\"retention\""));

        // A careless migration writes a card number in clear into the tenant's ledger.
        var key = new Dictionary<string, AttributeValue>
        {
            [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"),
            [LedgerTable.SortKey] = new AttributeValue("NOTE#1"),
        };
        await op.Dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = op.Tables.Ledger("watched"),
            Item = new(key) { ["memo"] = new AttributeValue("paid with 5555 5555 5555 4444") },
        });
        Assert.Equal(0, await GaugeAsync(value => value == 0));

        await op.Dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = op.Tables.Ledger("watched"), Key = key });
        Assert.Equal(1, await GaugeAsync(value => value == 1));
        var page = await MetricsAsync();
        Assert.Contains("budgetbuddy_compliance_last_check_timestamp_seconds{tenant=\"watched\"}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("5555 5555", page, StringComparison.Ordinal);
        Assert.DoesNotContain("5555555555554444", page, StringComparison.Ordinal);
    }

    private async Task<string> MetricsAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri($"{op.Operator.BaseUrl()}/metrics"));
    }

    /// <summary>The gauge's value once <paramref name="wanted"/> holds, within 60 s.</summary>
    private static async Task<double> GaugeAsync(Func<double, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = double.NaN;
        while (DateTime.UtcNow < deadline)
        {
            last = await MetricValues.ReadAsync(Metrics.DefaultRegistry, Gauge, Labels);
            if (!double.IsNaN(last) && wanted(last))
            {
                return last;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"{Gauge}{{{Labels}}} was {(double.IsNaN(last) ? "absent" : last.ToString(System.Globalization.CultureInfo.InvariantCulture))} after 60 s");
    }
}
