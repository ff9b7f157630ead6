using System.Globalization;
using System.Text.Json;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// The latency of <c>GET /v1/budgets/{month}</c> for a user with many transactions: seeds one user with
/// transactions spread over the last 12 months and ~20 categories (every 25th one uncategorised income), assigns a
/// budget to each category in each month, then reads the last month, and checks the answer against what was sent.
/// </summary>
internal sealed class BudgetReadPhase(ApiClient client, MoneyOptions options)
{
    public const int Months = 12;
    public const int Categories = 20;
    public const int WarmupRequests = 100;
    public const long Income = 250_000;
    public const long AssignedPerCategory = 15_000;
    private const int IncomeEvery = 25;

    public async Task<(SeedResult Seed, BudgetReadResult Reads)> RunAsync(BenchTenant tenant, CancellationToken ct)
    {
        var user = await BenchUser.CreateAsync(client, tenant, "budget-reader", Categories, ct);
        var thisMonth = DateOnly.FromDateTime(DateTime.UtcNow);
        var months = Enumerable.Range(0, Months).Select(m => new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(m - (Months - 1))).ToArray();
        var expected = new MonthTotals[Months];
        for (var m = 0; m < Months; m++)
        {
            expected[m] = new MonthTotals();
        }

        var (seeded, seedLoop) = await SeedTransactionsAsync(user, months, expected, ct);
        var assignments = await AssignAsync(user, months, expected, ct);

        var month = months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var path = $"/v1/budgets/{month}";
        var lastBody = Array.Empty<byte>();
        async Task<bool> Read(int worker, long sequence)
        {
            var body = await client.SendAsync(MoneyRequests.GetBudget, HttpMethod.Get, path, user.Token, null, null, ct);
            if (body is not null)
            {
                lastBody = body;
            }
            return body is not null;
        }

        Console.WriteLine($"budget reads: {WarmupRequests} warm-up requests, then {options.BudgetRequests} measured, {options.BudgetConcurrency} in flight");
        await ClosedLoop.ForCountAsync(options.BudgetConcurrency, WarmupRequests, Read, ct);
        var before = await ServerMetrics.ReadAsync(client, ct);
        var cpu = CpuSampler.Start(options.WatchedProcessGroups);
        var loop = await ClosedLoop.ForCountAsync(options.BudgetConcurrency, options.BudgetRequests, Read, ct);
        var usage = cpu.Stop();
        var after = await ServerMetrics.ReadAsync(client, ct);

        var check = Check(lastBody, expected[^1]);
        var reads = new BudgetReadResult(
            month,
            seeded,
            options.BudgetConcurrency,
            WarmupRequests,
            loop.Succeeded,
            loop.Failed,
            Math.Round(loop.PerSecond, 1),
            Math.Round(loop.Elapsed.TotalSeconds, 2),
            loop.Latency,
            usage,
            after.Since(before, loop.Succeeded + loop.Failed),
            lastBody.Length,
            check);
        Console.WriteLine(
            $"budget reads: {reads.RequestsPerSecond:F1} requests/s, {reads.Errors} errors, p50 {loop.Latency.P50Ms} ms, p95 {loop.Latency.P95Ms} ms, "
            + $"p99 {loop.Latency.P99Ms} ms; check: {check.Detail}");

        var seed = new SeedResult(
            Months,
            Categories,
            options.Concurrency,
            seedLoop.Succeeded,
            seedLoop.Failed,
            Math.Round(seedLoop.PerSecond, 1),
            seedLoop.Latency,
            assignments.Succeeded,
            assignments.Failed);
        return (seed, reads);
    }

    private async Task<(long Seeded, LoopResult Loop)> SeedTransactionsAsync(BenchUser user, DateOnly[] months, MonthTotals[] expected, CancellationToken ct)
    {
        async Task<bool> Seed(int worker, long i)
        {
            var m = (int)(i % Months);
            var date = months[m].AddDays((int)(i / Months % 28));
            var income = i % IncomeEvery == 0;
            var amount = income ? Income : MoneyRequests.Spending(i);
            var category = income ? null : user.CategoryIds[(int)(i % user.CategoryIds.Count)];
            var body = MoneyRequests.Transaction(user.AccountId, date, amount, category, income ? "Employer" : "Bench payee");
            var ok = await client.SendAsync(
                MoneyRequests.PostTransaction, HttpMethod.Post, "/v1/transactions", user.Token, body, Guid.NewGuid().ToString(), ct) is not null;
            if (ok)
            {
                expected[m].Add(income ? amount : 0, income ? 0 : amount, 0);
            }
            return ok;
        }

        Console.WriteLine($"seeding {options.SeedTransactions} transactions for one user over {Months} months and {Categories} categories, {options.Concurrency} in flight");
        var loop = await ClosedLoop.ForCountAsync(
            options.Concurrency, options.SeedTransactions, Seed, ct, progressEvery: 1000,
            progress: (done, elapsed) => Console.WriteLine(
                $"  seeded {done}/{options.SeedTransactions} ({done / elapsed.TotalSeconds:F0} transactions/s, {client.Errors.Total} errors so far)"));
        Console.WriteLine($"seeded {loop.Succeeded} transactions in {loop.Elapsed.TotalSeconds:F1} s ({loop.PerSecond:F1}/s), {loop.Failed} errors");
        return (loop.Succeeded, loop);
    }

    private async Task<LoopResult> AssignAsync(BenchUser user, DateOnly[] months, MonthTotals[] expected, CancellationToken ct)
    {
        var body = MoneyRequests.Assigned(AssignedPerCategory);
        async Task<bool> Assign(int worker, long i)
        {
            var m = (int)(i / user.CategoryIds.Count);
            var category = user.CategoryIds[(int)(i % user.CategoryIds.Count)];
            var path = $"/v1/budgets/{months[m]:yyyy-MM}/categories/{category}";
            var ok = await client.SendAsync(MoneyRequests.PutAssigned, HttpMethod.Put, path, user.Token, body, null, ct) is not null;
            if (ok)
            {
                expected[m].Add(0, 0, AssignedPerCategory);
            }
            return ok;
        }

        var count = (long)months.Length * user.CategoryIds.Count;
        var loop = await ClosedLoop.ForCountAsync(options.Concurrency, count, Assign, ct);
        Console.WriteLine($"assigned budgets: {loop.Succeeded} of {count} ({loop.PerSecond:F1}/s), {loop.Failed} errors");
        return loop;
    }

    /// <summary>Income, total activity and total assigned of the month, as the API computed them, against what was sent.</summary>
    private static BudgetCheck Check(byte[] body, MonthTotals expected)
    {
        if (body.Length == 0)
        {
            return new BudgetCheck(false, "no successful answer to check");
        }
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var totals = root.GetProperty("totals");
        var actual = (Income: root.GetProperty("income").GetInt64(), Activity: totals.GetProperty("activity").GetInt64(), Assigned: totals.GetProperty("assigned").GetInt64());
        var wanted = (expected.Income, expected.Activity, expected.Assigned);
        var lines = root.GetProperty("categories").GetArrayLength();
        var passed = actual == wanted && lines == Categories;
        var detail = passed
            ? $"income {actual.Income}, activity {actual.Activity}, assigned {actual.Assigned} and {lines} category lines match what was sent"
            : $"MISMATCH: API says income {actual.Income}, activity {actual.Activity}, assigned {actual.Assigned}, {lines} category lines; "
              + $"sent income {wanted.Income}, activity {wanted.Activity}, assigned {wanted.Assigned}, {Categories} categories";
        return new BudgetCheck(passed, detail);
    }

    /// <summary>What the benchmark successfully sent for one month.</summary>
    private sealed class MonthTotals
    {
        private long income;
        private long activity;
        private long assigned;

        public long Income => Interlocked.Read(ref income);

        public long Activity => Interlocked.Read(ref activity);

        public long Assigned => Interlocked.Read(ref assigned);

        public void Add(long incomeDelta, long activityDelta, long assignedDelta)
        {
            Interlocked.Add(ref income, incomeDelta);
            Interlocked.Add(ref activity, activityDelta);
            Interlocked.Add(ref assigned, assignedDelta);
        }
    }
}
