using System.CommandLine;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// <c>money</c>: how many transactions/s <c>POST /v1/transactions</c> sustains, and the latency of
/// <c>GET /v1/budgets/{month}</c> for a user with many transactions. Needs a running API and the DynamoDB it uses.
/// </summary>
internal static class MoneyCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Base URL of the running API, e.g. http://127.0.0.1:8180.", Required = true };
        target.Validators.Add(r =>
        {
            if (!IsHttpUrl(r.GetValueOrDefault<string>()))
            {
                r.AddError("--target must be an http(s) URL, e.g. http://127.0.0.1:8180.");
            }
        });
        var dynamoDb = new Option<string>("--dynamodb") { Description = "DynamoDB endpoint the API uses, for provisioning the benchmark's tenant.", Required = true };
        dynamoDb.Validators.Add(r =>
        {
            if (!IsHttpUrl(r.GetValueOrDefault<string>()))
            {
                r.AddError("--dynamodb must be an http(s) URL, e.g. http://127.0.0.1:8100.");
            }
        });
        var secretsDir = new Option<string?>("--secrets-dir")
        {
            Description = "Folder for the benchmark tenant's Secret (default: a temporary folder, removed at the end).",
        };
        var tablePrefix = new Option<string>("--table-prefix")
        {
            Description = "Table prefix the API uses (env DynamoDb__TablePrefix).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DynamoDb__TablePrefix") ?? TenantTables.DefaultPrefix,
        };
        var warmupSeconds = Positive("--warmup-seconds", "Unrecorded seconds of posting before each measured posting phase.", 5);
        var postSeconds = Positive("--post-seconds", "Measured seconds of each posting phase.", 20);
        var concurrency = Positive("--concurrency", "Posting workers (and users in the many-users phase); also the requests in flight while seeding.", 16);
        var seedTransactions = Positive("--seed-transactions", "Transactions of the user whose budget is read.", 10_000);
        var budgetRequests = Positive("--budget-requests", "Measured GET /v1/budgets/{month} requests.", 2_000);
        var budgetConcurrency = Positive("--budget-concurrency", "Budget reads in flight.", 4);
        var resultsDir = new Option<string>("--results-dir")
        {
            Description = "Where the JSON results go (default: tests/load/results of the repository).",
            DefaultValueFactory = _ => DefaultResultsDir(),
        };

        var cpuOf = new Option<string[]>("--cpu-of")
        {
            Description = "NAME=PGID: report the CPU share of that process group under NAME (repeatable), e.g. --cpu-of api=1234 --cpu-of dynamodb=1200.",
        };
        cpuOf.Validators.Add(r =>
        {
            foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (ParseGroup(value) is null)
                {
                    r.AddError($"--cpu-of takes NAME=PGID, got '{value}'.");
                }
            }
        });

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
                WatchedGroups(result.GetValue(cpuOf)));
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

    // A name given twice keeps its last process group.
    private static Dictionary<string, int> WatchedGroups(string[]? values)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, group) in (values ?? []).Select(ParseGroup).OfType<(string Name, int Group)>())
        {
            groups[name] = group;
        }
        return groups;
    }

    private static (string Name, int Group)? ParseGroup(string value) =>
        value.Split('=', 2) is [{ Length: > 0 } name, var pgid] && int.TryParse(pgid, System.Globalization.CultureInfo.InvariantCulture, out var group) && group > 0
            ? (name, group)
            : null;

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    // The repository's tests/load/results, found from the working directory, so `dotnet run` from anywhere inside works.
    private static string DefaultResultsDir()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetBuddy.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "load", "results");
            }
        }
        return Path.Combine(Environment.CurrentDirectory, "results");
    }
}
