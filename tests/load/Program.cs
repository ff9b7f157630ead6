using System.CommandLine;
using BudgetBuddy.Load.Bench;
using BudgetBuddy.Load.DynamoCosts;
using BudgetBuddy.Load.Imports;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Money;
using BudgetBuddy.Load.Operator;
using BudgetBuddy.Load.Seeding;
using BudgetBuddy.Load.Storage;

namespace BudgetBuddy.Load;

/// <summary>
/// Entry point of the load tool. Without a subcommand it runs a load test
/// (<c>--target URL --scenario NAME --rate N --duration S --warmup S</c>); <c>seed</c> makes the users it loads with;
/// <c>storage</c> runs it on the raw storage path (the API's DynamoDB calls, straight through the SDK);
/// <c>money</c>, <c>import</c> and <c>operator</c> are benchmarks; <c>dynamodb-costs</c> measures the store's CPU per kind of call.
/// </summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("BudgetBuddy load test (open model, no coordinated omission) and benchmarks: drive a running API over HTTP and report throughput and latency.")
        {
            SeedCommand.Create(),
            StorageCommand.Create(),
            MoneyCommand.Create(),
            ImportCommand.Create(),
            OperatorCommand.Create(),
            BenchSummaryCommand.Create(),
            DynamoCostsCommand.Create(),
        };
        LoadTestCommand.AddTo(root);
        return await root.Parse(args).InvokeAsync();
    }
}
