using System.CommandLine;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>storage</c>: the load test of the raw storage path. The same scenario, schedule, run seed and seeded users as
/// the API's run, each request made as the API's DynamoDB calls straight through the SDK, with the same recorder,
/// summary, reports, thresholds and exit status (0 every threshold held, 1 one did not, 2 the run could not be made).
/// Its figures are the baseline the API's are compared with.
/// </summary>
internal static class StorageCommand
{
    public static Command Create()
    {
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint holding the seeded tenants' tables (the one the API uses).", "http://127.0.0.1:8200");
        var tablePrefix = CommandOptions.ApiTablePrefix();
        var maxConnections = CommandOptions.ApiDynamoDbMaxConnections();
        // Connections are the API's HTTP server's; the storage path has the open-model scenarios only.
        var run = new RunOptionSet(ScenarioCatalog.All.Where(s => s.Model == LoadModel.Open),
            "The load: mixed (a client app's mix) or write-heavy (mostly posts and edits), as the API's run has it.");
        var command = new Command("storage",
            "The raw storage path: the scenario's requests as the DynamoDB calls the API makes for them, straight through the AWS SDK, at the same rate; "
            + "the baseline an API run is compared with.")
        {
            dynamoDb, tablePrefix, maxConnections,
        };
        foreach (var option in run.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (result, ct) =>
        {
            var options = run.Read(result, connections: 0);
            await using var storage = new StorageTarget(result.GetValue(dynamoDb)!, result.GetValue(tablePrefix)!, result.GetValue(maxConnections), options.RequestTimeout);
            return await LoadTestCommand.RunAsync(options, storage, ct);
        });
        return command;
    }
}
