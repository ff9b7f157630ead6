namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// An API fixture whose DynamoDB Local is its own and keeps its data on disk, so a test can stop it and start it again
/// as an outage would, and find every committed write still there.
/// </summary>
public sealed class RestartableDynamoApiFixture : ApiFixture
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "budgetbuddy-tests", "dynamodb-" + Guid.NewGuid().ToString("N"));

    protected override Task<DynamoDbLocal> StartDynamoAsync() => DynamoDbLocal.StartKeepingDataAsync(dataDirectory);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Dynamo.StopAsync();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
