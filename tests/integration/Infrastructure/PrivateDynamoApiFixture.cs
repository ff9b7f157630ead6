namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// An API with a DynamoDB Local of its own, for tests that stop it or that need it undisturbed by the other classes
/// running in parallel.
/// </summary>
public sealed class PrivateDynamoApiFixture : ApiFixture
{
    protected override Task<DynamoDbLocal> StartDynamoAsync() => DynamoDbLocal.StartAsync();

    // Fail fast when a test stops DynamoDB on purpose.
    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["DynamoDb:MaxErrorRetry"] = "1",
        ["DynamoDb:Timeout"] = "00:00:02",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Dynamo.StopAsync();
    }
}
