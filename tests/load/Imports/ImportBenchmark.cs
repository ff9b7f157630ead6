using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Money;

namespace BudgetBuddy.Load.Imports;

/// <summary>
/// One import of each size into a fresh account, then the same file again, timed from the request to the answer (for a
/// statement imported by a job, to the poll that finds the job done).
/// Each answer is checked (every line imported, then every line a duplicate, and the balance the lines add up to), so
/// a fast wrong import is a failure, not a figure.
/// </summary>
internal static class ImportBenchmark
{
    /// <summary>Statements up to the request's line limit are imported within the request, which may take a while on a slow store.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <returns>0 when every answer was right; 1 otherwise (the figures are still printed).</returns>
    public static async Task<int> RunAsync(
        Uri target, string dynamoDbUrl, string tablePrefix, IReadOnlyList<int> sizes, IReadOnlyDictionary<string, int> watched, CancellationToken ct)
    {
        var secretsDir = Directory.CreateTempSubdirectory("budgetbuddy-bench-secrets-").FullName;
        try
        {
            using var client = new ApiClient(target, 4, RequestTimeout);
            var tenant = await BenchTenant.ProvisionAsync(dynamoDbUrl, tablePrefix, secretsDir, ct);
            Console.WriteLine($"tenant {tenant.Id} provisioned at {dynamoDbUrl} (table prefix '{tablePrefix}')");
            await client.WaitForReadyAsync(ct);

            var clean = true;
            var notes = new List<string>();
            Console.WriteLine();
            Console.WriteLine("| lines | bytes | import s | lines/s | re-import s | lines/s | CPU busy % (api, dynamodb) |");
            Console.WriteLine("|------:|------:|---------:|--------:|------------:|--------:|:---------------------------|");
            foreach (var size in sizes)
            {
                var user = await BenchUser.CreateAsync(client, tenant, $"importer-{size}", 0, ct);
                var (csv, expectedBalance) = Statement(size);
                var body = Encoding.UTF8.GetBytes(csv);

                var callsBefore = await ServerMetrics.ReadAsync(client, ct);
                var cpu = CpuSampler.Start(watched);
                var (first, firstTime) = await ImportAsync(client, user, body, ct);
                var usage = cpu.Stop();
                var calls = (await ServerMetrics.ReadAsync(client, ct)).Since(callsBefore, 1);
                var (again, againTime) = await ImportAsync(client, user, body, ct);

                var balance = await user.BalanceAsync(client, ct);
                var right = Check(size, "first import", first, imported: size, duplicates: 0)
                    & Check(size, "re-import", again, imported: 0, duplicates: size);
                if (balance != expectedBalance)
                {
                    Console.Error.WriteLine($"{size} lines: balance {balance}, expected {expectedBalance}");
                    right = false;
                }
                clean &= right;
                var shares = string.Join(", ", usage.ProcessGroupPercent.Select(g => $"{g.Key} {g.Value:F0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size} | {body.Length} | {firstTime.TotalSeconds:F2} | {size / firstTime.TotalSeconds:F0} | {againTime.TotalSeconds:F2} | {size / againTime.TotalSeconds:F0} | {usage.MachineBusyPercent:F0} ({shares}) |{(right ? "" : " WRONG")}"));
                notes.Add(Notes(size, firstTime, usage, calls));
            }
            Console.WriteLine();
            notes.ForEach(Console.WriteLine);
            return clean && client.Errors.Counts.Count == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(secretsDir, recursive: true);
        }
    }

    /// <summary>
    /// What the first import cost, in figures a busy machine does not distort: CPU per line of each watched process
    /// (the store runs its writes one at a time, so on a quiet machine its CPU per line bounds the rate), and the
    /// DynamoDB calls the API made, with their mean latency.
    /// </summary>
    private static string Notes(int size, TimeSpan elapsed, CpuUsage usage, IReadOnlyList<StorageCall> calls)
    {
        var cpu = string.Join(", ", usage.ProcessGroupPercent.Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value / 100 * Environment.ProcessorCount * elapsed.TotalMilliseconds / size:F3} ms")));
        var made = string.Join(", ", calls.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Operation} ({c.Outcome}) {c.Calls} x {c.MeanMs:F1} ms")));
        return $"{size} lines, first import: CPU per line {cpu}; DynamoDB calls {made}";
    }

    private static async Task<(JsonElement? Answer, TimeSpan Elapsed)> ImportAsync(ApiClient client, BenchUser user, byte[] body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await client.SendAsync(
            "POST /v1/accounts/{id}/import", HttpMethod.Post, $"/v1/accounts/{user.AccountId}/import", user.Token, body, null, ct, "text/csv");
        if (answer is null)
        {
            return (null, Stopwatch.GetElapsedTime(started));
        }
        var result = JsonDocument.Parse(answer).RootElement.Clone();
        // A statement too large for one request is imported by a job (202): the import takes until the job is done.
        while (result.TryGetProperty("status", out var status) && status.GetString() == "running")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            var id = result.GetProperty("id").GetString();
            var job = await client.SendAsync("GET /v1/imports/{id}", HttpMethod.Get, $"/v1/imports/{id}", user.Token, null, null, ct);
            if (job is null)
            {
                return (null, Stopwatch.GetElapsedTime(started));
            }
            result = JsonDocument.Parse(job).RootElement.Clone();
        }
        return (result, Stopwatch.GetElapsedTime(started));
    }

    private static bool Check(int size, string what, JsonElement? answer, int imported, int duplicates)
    {
        if (answer is not { } a)
        {
            Console.Error.WriteLine($"{size} lines, {what}: no answer (see the errors)");
            return false;
        }
        var (gotImported, gotDuplicates) = (a.GetProperty("imported").GetInt32(), a.GetProperty("duplicates").GetInt32());
        if (gotImported == imported && gotDuplicates == duplicates && a.GetProperty("errors").GetArrayLength() == 0)
        {
            return true;
        }
        Console.Error.WriteLine($"{size} lines, {what}: imported {gotImported}, duplicates {gotDuplicates}, expected {imported} and {duplicates}: {a}");
        return false;
    }

    /// <summary>
    /// A statement of distinct lines over the last two years (so lines fall into many budget months), spending and
    /// some income, with payees and memos of a bank's usual length; and the balance they add up to.
    /// </summary>
    private static (string Csv, long Balance) Statement(int lines)
    {
        var csv = new StringBuilder("date,amount,payee,memo\n");
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-2);
        long balance = 0;
        for (var i = 0; i < lines; i++)
        {
            var amount = i % 10 == 0 ? 150_000 + i % 997 : MoneyRequests.Spending(i);
            balance += amount;
            var date = start.AddDays(i * 730 / lines);
            csv.Append(CultureInfo.InvariantCulture,
                $"{date:yyyy-MM-dd},{(amount < 0 ? "-" : "")}{Math.Abs(amount) / 100}.{Math.Abs(amount) % 100:00},CARD PURCHASE MERCHANT {i % 313},REF {i:D8} TERMINAL {i % 71}\n");
        }
        return (csv.ToString(), balance);
    }
}
