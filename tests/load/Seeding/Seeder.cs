using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.Seeding;

/// <summary>
/// Makes the load test's world through the API, so balances, budget buckets and change logs are exactly what the
/// API itself would have written: tenants provisioned with the operator's library, then for each user (many at once)
/// three accounts, categories, one categorised posting and this month's assignment per category, months of history
/// imported as one CSV statement per account (batched writes), a first full delta sync and a first page of
/// transactions, whose cursor and ids go into the manifest.
/// </summary>
internal sealed class Seeder(ApiClient client, SeedOptions options)
{
    private static readonly string[] CategoryNames =
        ["Groceries", "Rent", "Dining out", "Transport", "Utilities", "Fun", "Health", "Gifts", "Travel", "Clothing", "Education", "Pets"];
    private static readonly string[] Groups = ["Everyday", "Bills", "Fun", "Goals"];

    private long transactionsMade;
    private long usersDone;

    public async Task<SeedManifest> RunAsync(CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(startedAt.UtcDateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var months = Enumerable.Range(0, options.Months).Select(i => thisMonth.AddMonths(i - options.Months + 1)).ToList();

        var secretsDir = Directory.CreateTempSubdirectory("budgetbuddy-load-secrets-").FullName;
        try
        {
            await WaitForAsync("/actuator/health/liveness", ct);
            var tenants = options.Tenant is { } existing
                ? [BenchTenant.FromSecret(existing.Id, existing.SecretsDir)]
                : await Task.WhenAll(Enumerable.Range(0, options.Tenants).Select(_ =>
                    BenchTenant.ProvisionAsync(options.DynamoDbUrl, options.TablePrefix, secretsDir, "load", options.TenantPlan, ct)));
            await WaitForAsync("/actuator/health/readiness", ct);
            var provisioned = clock.Elapsed;
            Console.WriteLine($"{(options.Tenant is null ? "provisioned" : "using")} {tenants.Length} tenants ({string.Join(", ", tenants.Select(t => t.Id))}) in {provisioned.TotalSeconds:F1} s");

            var work = tenants
                .SelectMany(tenant => Enumerable.Range(1, options.UsersPerTenant).Select(i => (Tenant: tenant, UserId: $"{options.UserPrefix}user-{i:000}")))
                .Select((w, index) => (w.Tenant, w.UserId, Index: index))
                .ToList();
            var users = new SeedUser[work.Count];
            var progressEvery = Math.Max(1, work.Count / 10);
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (w, token) =>
            {
                users[w.Index] = await SeedUserAsync(w.Tenant, w.UserId, months, today, new Think((ulong)w.Index + 1), token);
                var done = Interlocked.Increment(ref usersDone);
                if (done % progressEvery == 0 || done == work.Count)
                {
                    Console.WriteLine($"  {done}/{work.Count} users, {Interlocked.Read(ref transactionsMade)} transactions, {clock.Elapsed.TotalSeconds:F1} s");
                }
            });

            var seconds = clock.Elapsed.TotalSeconds;
            var transactions = Interlocked.Read(ref transactionsMade);
            var usersSeconds = seconds - provisioned.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {tenants.Length} tenants x {options.UsersPerTenant} users = {users.Length} users, {users.Length * 3} accounts, "
                + $"{users.Length * options.Categories} categories, {transactions} transactions over {options.Months} months "
                + $"in {seconds:F1} s ({transactions / Math.Max(usersSeconds, 0.001):F0} transactions/s after provisioning)"));
            return new SeedManifest(
                startedAt,
                options.Target.ToString(),
                [.. tenants.Select(t => t.Id)],
                [.. months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture))],
                transactions,
                Math.Round(seconds, 1),
                startedAt + options.TokenLifetime,
                users);
        }
        finally
        {
            // The tokens are minted; the tenants' private keys are not needed any more.
            Directory.Delete(secretsDir, recursive: true);
        }
    }

    private async Task<SeedUser> SeedUserAsync(BenchTenant tenant, string userId, List<DateOnly> months, DateOnly today, Think think, CancellationToken ct)
    {
        var token = await tenant.TokenAsync(userId, options.TokenLifetime, ct);
        var checking = await CreateAccountAsync(token, "Everyday checking", "checking", 250_000, ct);
        var savings = await CreateAccountAsync(token, "Rainy day", "savings", 1_000_000, ct);
        var card = await CreateAccountAsync(token, "Credit card", "credit_card", 0, ct);

        var categories = new List<string>(options.Categories);
        var thisMonth = months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture);
        for (var i = 0; i < options.Categories; i++)
        {
            var name = i < CategoryNames.Length ? CategoryNames[i] : $"Category {i + 1}";
            var category = await client.RequireAsync("POST /v1/categories", HttpMethod.Post, "/v1/categories", token,
                $$"""{"name":"{{name}}","group":"{{Groups[i % Groups.Length]}}","hidden":false}""", ct);
            var categoryId = category.GetProperty("id").GetString()!;
            categories.Add(categoryId);
            await client.RequireAsync("PUT /v1/budgets/{month}/categories/{id}", HttpMethod.Put, $"/v1/budgets/{thisMonth}/categories/{categoryId}", token,
                $$"""{"assigned":{{think.Between(50, 500) * 100}}}""", ct);
            // One categorised posting per category, in a month of its own, so budgets and reports have categories to show.
            var month = months[i % months.Count];
            var date = month.AddDays(think.Next(28)) is var d && d > today ? today : d;
            await client.RequireAsync("POST /v1/transactions", HttpMethod.Post, "/v1/transactions", token,
                string.Create(CultureInfo.InvariantCulture,
                    $$"""{"accountId":"{{checking}}","date":"{{date:yyyy-MM-dd}}","amount":{{-think.Between(500, 20_000)}},"payee":"{{name}} shop","categoryId":"{{categoryId}}"}"""),
                ct);
            Interlocked.Increment(ref transactionsMade);
        }

        await ImportAsync(token, checking, StatementCsv.Checking(months, today, options.TransactionsPerMonth, think), ct);
        await ImportAsync(token, card, StatementCsv.CreditCard(months, today, options.TransactionsPerMonth, think), ct);
        await ImportAsync(token, savings, StatementCsv.Savings(months, today, think), ct);

        var cursor = await FirstSyncAsync(token, ct);
        var page = await client.RequireAsync("GET /v1/transactions", HttpMethod.Get, "/v1/transactions?limit=50", token, null, ct);
        var transactions = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        return new SeedUser(tenant.Id, userId, token, [checking, savings, card], categories, transactions, cursor);
    }

    private async Task<string> CreateAccountAsync(string token, string name, string type, long openingBalance, CancellationToken ct)
    {
        var account = await client.RequireAsync("POST /v1/accounts", HttpMethod.Post, "/v1/accounts", token,
            string.Create(CultureInfo.InvariantCulture, $$"""{"name":"{{name}}","type":"{{type}}","currency":"USD","openingBalance":{{openingBalance}}}"""), ct);
        return account.GetProperty("id").GetString()!;
    }

    private async Task ImportAsync(string token, string accountId, string csv, CancellationToken ct)
    {
        var body = await client.SendAsync("POST /v1/accounts/{id}/import", HttpMethod.Post, $"/v1/accounts/{accountId}/import", token,
            Encoding.UTF8.GetBytes(csv), null, ct, "text/csv")
            ?? throw new BenchmarkFailedException($"importing into account {accountId} failed (see the error above)");
        using var answer = JsonDocument.Parse(body);
        var count = answer.RootElement.GetProperty("imported").GetInt32();
        var expected = StatementCsv.LinesOf(csv);
        if (count != expected || answer.RootElement.GetProperty("errors").GetArrayLength() > 0)
        {
            throw new BenchmarkFailedException($"import into account {accountId} took {count} of {expected} lines: {Encoding.UTF8.GetString(body)}");
        }
        Interlocked.Add(ref transactionsMade, count);
    }

    // A client's first sync: every page of the change feed from the start, keeping the last cursor.
    private async Task<string> FirstSyncAsync(string token, CancellationToken ct)
    {
        var since = "";
        while (true)
        {
            var page = await client.RequireAsync("GET /v1/changes", HttpMethod.Get, $"/v1/changes?limit=1000&since={Uri.EscapeDataString(since)}", token, null, ct);
            since = page.GetProperty("cursor").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return since;
            }
        }
    }

    private async Task WaitForAsync(string path, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var (status, _) = await client.GetTextAsync(path, ct);
                if (status == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not up yet.
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new BenchmarkFailedException($"{client.Target}{path.TrimStart('/')} did not answer 200 within 60 s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }
}
