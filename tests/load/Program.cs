using System.CommandLine;
using BudgetBuddy.Load.Money;
using BudgetBuddy.Load.Operator;

namespace BudgetBuddy.Load;

/// <summary>Entry point of the load tool: one subcommand per benchmark or load test.</summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("BudgetBuddy benchmarks and load tests: drive a running API over HTTP and report throughput and latency.")
        {
            MoneyCommand.Create(),
            OperatorCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync();
    }
}
