using System.CommandLine;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// <c>money</c>: how many transactions/s <c>POST /v1/transactions</c> sustains, and the latency of
/// <c>GET /v1/budgets/{month}</c> for a user with many transactions. Needs a running API and the DynamoDB it uses.
/// </summary>
internal static class MoneyCommand
{
    public static Command Create()
    {
        var target = CommandOptions.HttpUrl("--target", "Base URL of the running API, e.g. http://127.0.0.1:8180.", "http://127.0.0.1:8180");
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint the API uses, for provisioning the benchmark's tenant.", "http://127.0.0.1:8100");
        var secretsDir = new Option<string?>("--secrets-dir")
        {
            Description = "Folder for the benchmark tenant's Secret (default: a temporary folder, removed at the end).",
        };
        var tablePrefix = CommandOptions.ApiTablePrefix();
        var warmupSeconds = CommandOptions.Positive("--warmup-seconds", "Unrecorded seconds of posting before each measured posting phase.", 5);
        var postSeconds = CommandOptions.Positive("--post-seconds", "Measured seconds of each posting phase.", 20);
        var concurrency = CommandOptions.Positive("--concurrency", "Posting workers (and users in the many-users phase); also the requests in flight while seeding.", 16);
        var seedTransactions = CommandOptions.Positive("--seed-transactions", "Transactions of the user whose budget is read.", 10_000);
        var budgetRequests = CommandOptions.Positive("--budget-requests", "Measured GET /v1/budgets/{month} requests.", 2_000);
        var budgetConcurrency = CommandOptions.Positive("--budget-concurrency", "Budget reads in flight.", 4);
        var resultsDir = CommandOptions.ResultsDir();
        var cpuOf = CommandOptions.CpuOf();

        var command = new Command("money", "Benchmark: POST /v1/transactions throughput, and GET /v1/budgets/{month} latency for a user with many transactions.")
        {
            target, dynamoDb, secretsDir, tablePrefix, warmupSeconds, postSeconds, concurrency, seedTransactions, budgetRequests, budgetConcurrency, resultsDir, cpuOf,
        };
        command.SetAction(async (result, ct) =>
        {
            var options = new MoneyOptions(
                new Uri(result.GetValue(target)!),
                result.GetValue(dynamoDb)!,
                result.GetValue(secretsDir),
                result.GetValue(tablePrefix)!,
                result.GetValue(warmupSeconds),
                result.GetValue(postSeconds),
                result.GetValue(concurrency),
                result.GetValue(seedTransactions),
                result.GetValue(budgetRequests),
                result.GetValue(budgetConcurrency),
                result.GetValue(resultsDir)!,
                CommandOptions.WatchedGroups(result.GetValue(cpuOf)));
            try
            {
                return await MoneyBenchmark.RunAsync(options, ct);
            }
            catch (BenchmarkFailedException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"error: the API stopped answering ({e.Message}); the run is void.");
                return 2;
            }
        });
        return command;
    }
}
