using System.CommandLine;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Events;

/// <summary>
/// <c>events</c>: the lag from a transaction's commit to its <c>transaction.created</c> event reaching a webhook
/// receiver, at a steady write rate. Needs a running API allowed to deliver to loopback
/// (<c>Webhooks__AllowLoopback=true</c>) and the DynamoDB it uses.
/// </summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var target = CommandOptions.HttpUrl("--target", "Base URL of the running API, e.g. http://127.0.0.1:8170.", "http://127.0.0.1:8170");
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint the API uses, for provisioning the benchmark's tenant.", "http://127.0.0.1:8120");
        var tablePrefix = CommandOptions.ApiTablePrefix();
        var rate = CommandOptions.Positive("--rate", "Transactions posted per second, spread evenly.", 50);
        var duration = CommandOptions.Positive("--duration", "Seconds of writing.", 60);
        var users = CommandOptions.Positive("--users", "Users the writes go round (each its own account).", 50);
        var cpuOf = CommandOptions.CpuOf();

        var command = new Command("events", "Benchmark: commit-to-delivery lag of webhook events at a steady write rate.")
        {
            target, dynamoDb, tablePrefix, rate, duration, users, cpuOf,
        };
        command.SetAction(async (result, ct) =>
        {
            try
            {
                return await EventsBenchmark.RunAsync(
                    new Uri(result.GetValue(target)!),
                    result.GetValue(dynamoDb)!,
                    result.GetValue(tablePrefix)!,
                    new EventsBenchmark.Load(result.GetValue(rate), TimeSpan.FromSeconds(result.GetValue(duration)), result.GetValue(users)),
                    CommandOptions.WatchedGroups(result.GetValue(cpuOf)),
                    ct);
            }
            catch (BenchmarkFailedException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
