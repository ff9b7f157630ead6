using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Operability;

public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_configured_traces_and_metrics_are_exported()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var dynamo = await DynamoDbLocal.SharedAsync();
        await using var api = new ApiFactory(dynamo.ServiceUrl, "otel-", new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        api.StartServer();

        var response = await api.CreateClient().GetAsync("/actuator/health");
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !(collector.Posts.Contains("/v1/traces") && collector.Posts.Contains("/v1/metrics")))
        {
            await Task.Delay(100);
        }
        Assert.Contains("/v1/traces", collector.Posts);
        Assert.Contains("/v1/metrics", collector.Posts);
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_exported_and_the_api_still_serves()
    {
        var dynamo = await DynamoDbLocal.SharedAsync();
        await using var api = new ApiFactory(dynamo.ServiceUrl, "nootel-");
        api.StartServer();

        Assert.Null(api.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
        var response = await api.CreateClient().GetAsync("/actuator/health/liveness");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
