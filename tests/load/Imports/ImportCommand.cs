using System.CommandLine;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Imports;

/// <summary>
/// <c>import</c>: lines per second of <c>POST /v1/accounts/{id}/import</c> for CSV statements of given sizes, each
/// imported once into a fresh account and then again (all duplicates). Needs a running API and the DynamoDB it uses.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var target = CommandOptions.HttpUrl("--target", "Base URL of the running API, e.g. http://127.0.0.1:8190.", "http://127.0.0.1:8190");
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint the API uses, for provisioning the benchmark's tenant.", "http://127.0.0.1:8110");
        var tablePrefix = CommandOptions.ApiTablePrefix();
        var lines = new Option<int[]>("--lines")
        {
            Description = "Statement sizes in lines, one import of each (repeat the option or separate by spaces).",
            DefaultValueFactory = _ => [2_000, 20_000],
            AllowMultipleArgumentsPerToken = true,
        };
        lines.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int[]>() is { } sizes && sizes.Any(s => s < 1))
            {
                r.AddError("--lines must be at least 1.");
            }
        });
        var cpuOf = CommandOptions.CpuOf();

        var command = new Command("import", "Benchmark: statement import, lines/s for a first import and for a re-import of the same file.")
        {
            target, dynamoDb, tablePrefix, lines, cpuOf,
        };
        command.SetAction(async (result, ct) =>
        {
            try
            {
                return await ImportBenchmark.RunAsync(
                    new Uri(result.GetValue(target)!),
                    result.GetValue(dynamoDb)!,
                    result.GetValue(tablePrefix)!,
                    result.GetValue(lines)!,
                    CommandOptions.WatchedGroups(result.GetValue(cpuOf)),
                    ct);
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
