using System.CommandLine;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.DynamoCosts;

/// <summary>
/// <c>dynamodb-costs --dynamodb URL --store-pgid N</c>: what each kind of call the API makes costs the DynamoDB server
/// itself, in its own CPU per call, on scratch tables of a tenant's shape. Made to choose what to cut when the store is
/// what limits a load test: the calls are measured one kind at a time, a few in flight, after a warm-up of the same
/// kind, with the store's process group watched as the load runs watch it. Exit 0 measured, 2 could not be made.
/// </summary>
internal static class DynamoCostsCommand
{
    public static Command Create()
    {
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint to measure (scratch tables are created and deleted there).", "http://127.0.0.1:8500");
        var storeGroup = new Option<int>("--store-pgid")
        {
            Description = "Process group id of the DynamoDB server (DynamoDB Local's java, started with setsid), whose CPU is measured.",
            Required = true,
        };
        storeGroup.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--store-pgid must be a process group id (at least 1).");
            }
        });
        var calls = CommandOptions.Positive("--calls", "Measured calls of each kind; as many of each warm the store up first, and a quarter as many again right before each kind.", 2_000);
        var inFlight = CommandOptions.Positive("--in-flight", "Calls outstanding at once.", 4);
        var warmUps = CommandOptions.Positive("--warm-up-passes", "Untimed passes of every kind first: a fresh DynamoDB Local (a JVM) compiles its hot paths over the first tens of thousands of calls.", 3);
        var command = new Command("dynamodb-costs",
            "The DynamoDB server's own CPU per call for each kind of call the API makes (reads of 1 to 51 items, puts, 2- and 7-item transactions), on scratch tables.")
        {
            dynamoDb, storeGroup, calls, inFlight, warmUps,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new DynamoDbSettings { ServiceUrl = parse.GetValue(dynamoDb)! };
            using var dynamo = settings.CreateClient();
            var (count, parallel) = (parse.GetValue(calls), parse.GetValue(inFlight));
            var watched = new Dictionary<string, int>(StringComparer.Ordinal) { ["store"] = parse.GetValue(storeGroup) };
            System.Console.Error.WriteLine($"creating scratch tables and {ScratchLedger.Users} users × {ScratchLedger.TransactionsPerUser} transactions at {settings.ServiceUrl}");
            await using var ledger = await ScratchLedger.CreateAsync(dynamo, ct);
            var probes = CostProbes.For(dynamo, ledger);
            var passes = parse.GetValue(warmUps);
            System.Console.Error.WriteLine($"warming the store up: {passes} untimed passes of every kind");
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var probe in probes)
                {
                    await RunAsync(probe, count, parallel, ct);
                }
            }
            System.Console.WriteLine($"{count} calls of each kind, {parallel} in flight, each kind after {count / 4} more of its own; {Environment.ProcessorCount} cores");
            System.Console.WriteLine(OperationCost.Header);
            foreach (var probe in probes)
            {
                await RunAsync(probe, count / 4, parallel, ct);
                var cpu = CpuSampler.Start(watched);
                var wall = System.Diagnostics.Stopwatch.StartNew();
                await RunAsync(probe, count, parallel, ct);
                var usage = cpu.Stop();
                if (!usage.ProcessGroupPercent.TryGetValue("store", out var percent) || usage.MachineBusyPercent is null)
                {
                    await System.Console.Error.WriteLineAsync("the store's CPU could not be read from /proc: this command needs Linux.");
                    return 2;
                }
                System.Console.WriteLine(OperationCost.From(probe.Name, probe.Shape, count, parallel, percent, wall.Elapsed, Environment.ProcessorCount).Line());
            }
            return 0;
        });
        return command;
    }

    private static Task RunAsync(CostProbe probe, int calls, int inFlight, CancellationToken ct)
    {
        var next = 0;
        return Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= calls)
            {
                await probe.CallAsync(ct);
            }
        }));
    }
}
