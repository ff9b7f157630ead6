using System.CommandLine;
using BudgetBuddy.Load.Bench;
using BudgetBuddy.Load.Events;
using BudgetBuddy.Load.Imports;
using BudgetBuddy.Load.LoadTest;
using BudgetBuddy.Load.Money;
using BudgetBuddy.Load.Operator;
using BudgetBuddy.Load.Reports;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load;

/// <summary>
/// Entry point of the load tool. Without a subcommand it runs a load test
/// (<c>--target URL --scenario NAME --rate N --duration S --warmup S</c>); <c>seed</c> makes the users it loads with;
/// <c>money</c>, <c>import</c>, <c>events</c> and <c>operator</c> are benchmarks; <c>bench-summary</c> sets a bench's figures against its targets; <c>report</c> renders a run's reports again; <c>merge</c> combines the runs of several harness processes.
/// </summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("BudgetBuddy load test (open model, no coordinated omission) and benchmarks: drive a running API over HTTP and report throughput and latency.")
        {
            SeedCommand.Create(),
            MoneyCommand.Create(),
            ImportCommand.Create(),
            EventsCommand.Create(),
            OperatorCommand.Create(),
            BenchSummaryCommand.Create(),
            ReportCommand.Create(),
            MergeCommand.Create(),
        };
        LoadTestCommand.AddTo(root);
        return await root.Parse(args).InvokeAsync();
    }
}
