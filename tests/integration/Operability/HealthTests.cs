using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Operability;

public sealed class HealthTests(PrivateDynamoApiFixture api) : IClassFixture<PrivateDynamoApiFixture>
{
    [Fact]
    public async Task Health_is_up_with_dynamodb_and_down_without_it_while_liveness_stays_up()
    {
        await api.ProvisionAsync("health");
        var client = api.Client();

        var up = await (await client.GetAsync("/actuator/health")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("UP", up.GetProperty("status").GetString());
        Assert.Equal("UP", up.GetProperty("components").GetProperty("dynamodb").GetProperty("status").GetString());
        var ready = await (await client.GetAsync("/actuator/health/readiness")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("UP", ready.GetProperty("status").GetString());

        await api.Dynamo.StopAsync();

        var down = await (await client.GetAsync("/actuator/health")).ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("DOWN", down.GetProperty("status").GetString());
        Assert.Equal("DOWN", down.GetProperty("components").GetProperty("dynamodb").GetProperty("status").GetString());
        var notReady = await (await client.GetAsync("/actuator/health/readiness")).ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("DOWN", notReady.GetProperty("status").GetString());
        var live = await (await client.GetAsync("/actuator/health/liveness")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("UP", live.GetProperty("status").GetString());
    }
}
