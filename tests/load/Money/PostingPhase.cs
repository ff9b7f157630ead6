using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// How many <c>POST /v1/transactions</c> per second the API sustains: closed-loop workers, worker <c>w</c> posting
/// as user <c>w mod users</c>, each transaction a categorised outflow today with an Idempotency-Key (as a client that
/// retries safely sends it). A warm-up runs first, unrecorded; afterwards every account's balance is checked.
/// </summary>
internal sealed class PostingPhase(ApiClient client, MoneyOptions options)
{
    public async Task<PostingResult> RunAsync(string name, IReadOnlyList<BenchUser> users, CancellationToken ct)
    {
        var workers = options.Concurrency;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var accepted = new long[users.Count];
        long sequence = 0;

        async Task<bool> Post(int worker, long _)
        {
            var n = Interlocked.Increment(ref sequence);
            var u = worker % users.Count;
            var user = users[u];
            var amount = MoneyRequests.Spending(n);
            var body = MoneyRequests.Transaction(user.AccountId, today, amount, user.CategoryIds[(int)(n % user.CategoryIds.Count)], "Bench payee");
            var ok = await client.SendAsync(
                MoneyRequests.PostTransaction, HttpMethod.Post, "/v1/transactions", user.Token, body, Guid.NewGuid().ToString(), ct) is not null;
            if (ok)
            {
                Interlocked.Add(ref accepted[u], amount);
            }
            return ok;
        }

        Console.WriteLine($"{name}: warming up for {options.WarmupSeconds} s");
        await ClosedLoop.ForDurationAsync(workers, TimeSpan.FromSeconds(options.WarmupSeconds), Post, ct);

        Console.WriteLine($"{name}: measuring for {options.PostSeconds} s");
        var before = await ServerMetrics.ReadAsync(client, ct);
        var cpu = CpuSampler.Start(options.WatchedProcessGroups);
        var loop = await ClosedLoop.ForDurationAsync(workers, TimeSpan.FromSeconds(options.PostSeconds), Post, ct);
        var usage = cpu.Stop();
        var after = await ServerMetrics.ReadAsync(client, ct);

        var balances = await CheckBalancesAsync(users, accepted, ct);
        var result = new PostingResult(
            name,
            users.Count,
            workers,
            Math.Round(loop.Elapsed.TotalSeconds, 2),
            loop.Succeeded,
            loop.Failed,
            Math.Round(loop.PerSecond, 1),
            loop.Latency,
            usage,
            after.Since(before, loop.Succeeded + loop.Failed),
            balances);
        Console.WriteLine(
            $"{name}: {result.TransactionsPerSecond:F1} transactions/s, {result.Errors} errors, p50 {loop.Latency.P50Ms} ms, p99 {loop.Latency.P99Ms} ms, "
            + $"balances {balances.Matching}/{balances.Accounts} match");
        return result;
    }

    private async Task<BalanceCheck> CheckBalancesAsync(IReadOnlyList<BenchUser> users, long[] accepted, CancellationToken ct)
    {
        var matching = 0;
        string? mismatch = null;
        for (var u = 0; u < users.Count; u++)
        {
            var balance = await users[u].BalanceAsync(client, ct);
            if (balance == accepted[u])
            {
                matching++;
            }
            else
            {
                mismatch ??= $"user {users[u].Id}: balance {balance}, accepted transactions sum to {accepted[u]}";
            }
        }
        return new BalanceCheck(users.Count, matching, mismatch);
    }
}
