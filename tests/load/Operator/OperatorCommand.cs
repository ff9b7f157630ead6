using System.CommandLine;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Operator;

/// <summary>
/// <c>operator</c>: how long N BudgetBuddyTenants take from <c>kubectl apply</c> to all Ready, and the operator's peak
/// memory. Runs the fake Kubernetes API in this process and the real operator binary as a child; needs a DynamoDB.
/// </summary>
internal static class OperatorCommand
{
    public static Command Create()
    {
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint for the operator (use a fresh in-memory DynamoDB Local).", "http://127.0.0.1:8100");
        var tablePrefix = new Option<string>("--table-prefix")
        {
            Description = "Prefix of every table the run creates.",
            DefaultValueFactory = _ => "budgetbuddy-opbench-",
        };
        var tenants = CommandOptions.Positive("--tenants", "Tenants applied at once.", 100);
        var concurrency = CommandOptions.Positive("--concurrency", "The operator's --concurrency: tenants it reconciles at once.", 4);
        var applyConcurrency = CommandOptions.Positive("--apply-concurrency", "Creates in flight while applying the tenants.", 8);
        var timeoutSeconds = CommandOptions.Positive("--timeout-seconds", "Give up when not every tenant is Ready by then.", 900);
        var operatorDll = new Option<string>("--operator-dll")
        {
            Description = "The operator binary to run (default: budgetbuddy-operator.dll beside this tool, built with it).",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "budgetbuddy-operator.dll"),
        };
        var resultsDir = CommandOptions.ResultsDir();

        var command = new Command("operator", "Benchmark: N tenants from apply to all Ready against DynamoDB, and the operator's peak memory.")
        {
            dynamoDb, tablePrefix, tenants, concurrency, applyConcurrency, timeoutSeconds, operatorDll, resultsDir,
        };
        command.SetAction(async (result, ct) =>
        {
            var options = new OperatorOptions(
                result.GetValue(dynamoDb)!,
                result.GetValue(tablePrefix)!,
                result.GetValue(tenants),
                result.GetValue(concurrency),
                result.GetValue(applyConcurrency),
                TimeSpan.FromSeconds(result.GetValue(timeoutSeconds)),
                result.GetValue(operatorDll)!,
                result.GetValue(resultsDir)!);
            try
            {
                return await OperatorBenchmark.RunAsync(options, ct);
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
