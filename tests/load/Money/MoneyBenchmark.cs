using System.Globalization;
using System.Net;
using System.Text.Json;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// The money benchmark from start to end: a fresh tenant, the two posting phases (many users, then one user), the
/// budget reads, then the summary on stdout and the same as JSON in the results folder.
/// </summary>
internal static class MoneyBenchmark
{
    private const int CategoriesPerPostingUser = 3;

    /// <returns>0 when the run was clean; 1 when a request failed or a check disagreed (the figures are still reported).</returns>
    public static async Task<int> RunAsync(MoneyOptions options, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var secretsDir = options.SecretsDir ?? Directory.CreateTempSubdirectory("budgetbuddy-bench-secrets-").FullName;
        try
        {
            using var client = new ApiClient(options.Target, Math.Max(options.Concurrency, options.BudgetConcurrency) + 4);
            await WaitForAsync(client, "/actuator/health/liveness", TimeSpan.FromSeconds(60), ct);

            var tenant = await BenchTenant.ProvisionAsync(options.DynamoDbUrl, options.TablePrefix, secretsDir, ct);
            Console.WriteLine($"tenant {tenant.Id} provisioned at {options.DynamoDbUrl} (table prefix '{options.TablePrefix}')");
            await WaitForAsync(client, "/actuator/health/readiness", TimeSpan.FromSeconds(60), ct);

            var posting = new PostingPhase(client, options);
            Console.WriteLine($"creating {options.Concurrency} users, each with an account and {CategoriesPerPostingUser} categories");
            var writers = await Task.WhenAll(Enumerable.Range(1, options.Concurrency).Select(i =>
                BenchUser.CreateAsync(client, tenant, $"writer-{i:000}", CategoriesPerPostingUser, ct)));
            var manyUsers = await posting.RunAsync($"{options.Concurrency} users, 1 worker each", writers, ct);

            var soloUser = await BenchUser.CreateAsync(client, tenant, "solo-writer", CategoriesPerPostingUser, ct);
            var oneUser = await posting.RunAsync($"1 user, {options.Concurrency} workers", [soloUser], ct);

            var (seed, reads) = await new BudgetReadPhase(client, options).RunAsync(tenant, ct);

            var report = new MoneyReport(
                startedAt,
                DateTimeOffset.UtcNow,
                options.Target.ToString(),
                tenant.Id,
                MachineInfo.Current(),
                options,
                manyUsers,
                oneUser,
                seed,
                reads,
                client.Errors.Counts,
                client.Errors.Samples);
            var file = await WriteAsync(report, options.ResultsDir, ct);
            Console.WriteLine();
            Console.Write(MoneySummary.Render(report));
            Console.WriteLine($"results: {file}");
            return report.Clean ? 0 : 1;
        }
        finally
        {
            if (options.SecretsDir is null)
            {
                Directory.Delete(secretsDir, recursive: true);
            }
        }
    }

    private static async Task WaitForAsync(ApiClient client, string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = "no answer";
        while (true)
        {
            try
            {
                var (status, body) = await client.GetTextAsync(path, ct);
                if (status == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)status} {body}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new BenchmarkFailedException($"{client.Target}{path.TrimStart('/')} did not answer 200 within {timeout.TotalSeconds:F0} s (last: {last})");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private static async Task<string> WriteAsync(MoneyReport report, string resultsDir, CancellationToken ct)
    {
        Directory.CreateDirectory(resultsDir);
        var file = Path.Combine(resultsDir, $"money-{report.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, report, MoneyReportJson.Default.MoneyReport, ct);
        return Path.GetRelativePath(Environment.CurrentDirectory, file);
    }
}
