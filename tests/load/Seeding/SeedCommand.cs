using System.CommandLine;
using System.Text.Json;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Seeding;

/// <summary>
/// <c>seed</c>: provisions tenants and fills them with users and months of transactions through a running API, then
/// writes the manifest a load-test run reads (<c>--seed-file</c>). Prints how long it took.
/// </summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var target = CommandOptions.HttpUrl("--target", "Base URL of the running API, e.g. http://127.0.0.1:8280.", "http://127.0.0.1:8280");
        var dynamoDb = CommandOptions.HttpUrl("--dynamodb", "DynamoDB endpoint the API uses, for provisioning the tenants.", "http://127.0.0.1:8200");
        var tablePrefix = CommandOptions.ApiTablePrefix();
        var tenants = CommandOptions.Positive("--tenants", "Tenants to provision.", 3);
        var users = CommandOptions.Positive("--users", "Users per tenant.", 100);
        var months = CommandOptions.Positive("--months", "Months of history per user, this one included.", 6);
        var perMonth = CommandOptions.Positive("--transactions-per-month", "Statement lines a month into each checking account (the credit card gets a third as many).", 30);
        var categories = CommandOptions.Positive("--categories", "Categories per user.", 6);
        var concurrency = CommandOptions.Positive("--concurrency", "Users seeded at once.", 16);
        // The default plan (1,000 requests/s a tenant) is a real tenant's; the wrk cross-check drives one user past it
        // to find the API's own ceiling, and 429s (cheap answers) would inflate that ceiling.
        var tenantRate = CommandOptions.Positive("--tenant-requests-per-minute",
            "The tenants' plan: requests a minute the API allows each tenant (burst: a second's worth, at least the default plan's).",
            TenantPlan.Default.RequestsPerMinute);
        var tokenHours = CommandOptions.Positive("--token-hours", "Lifetime of the users' tokens, in hours.", 24);
        var tenant = new Option<string?>("--tenant") { Description = "Seed users into this existing tenant instead of provisioning tenants (needs --tenant-secrets)." };
        var tenantSecrets = new Option<string?>("--tenant-secrets") { Description = "The folder holding the tenant's Secret as files in <folder>/<tenant>/ (a mounted Secret), to sign its users' tokens." };
        var userPrefix = new Option<string>("--user-prefix") { Description = "Put before each user id (e.g. the harness pod's index), so processes seeding one tenant do not share users.", DefaultValueFactory = _ => "" };
        var output = new Option<string>("--out")
        {
            Description = "Where the manifest goes (default: seed.json in tests/load/results).",
            DefaultValueFactory = _ => Path.Combine(CommandOptions.DefaultResultsDir(), "seed.json"),
        };

        var command = new Command("seed", "Provision tenants and seed users, accounts and months of transactions through the API; write the manifest a run reads.")
        {
            target, dynamoDb, tablePrefix, tenants, users, months, perMonth, categories, concurrency, tenantRate, tokenHours, output,
            tenant, tenantSecrets, userPrefix,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(tenant) is null) != (r.GetValue(tenantSecrets) is null))
            {
                r.AddError("--tenant and --tenant-secrets go together: the tenant to seed and where its Secret is.");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            var options = new SeedOptions(
                new Uri(result.GetValue(target)!),
                result.GetValue(dynamoDb)!,
                result.GetValue(tablePrefix)!,
                result.GetValue(tenants),
                result.GetValue(users),
                result.GetValue(months),
                result.GetValue(perMonth),
                result.GetValue(categories),
                result.GetValue(concurrency),
                PlanOf(result.GetValue(tenantRate)),
                TimeSpan.FromHours(result.GetValue(tokenHours)),
                result.GetValue(output)!,
                result.GetValue(tenant) is { } existing ? (existing, result.GetValue(tenantSecrets)!) : null,
                result.GetValue(userPrefix)!);
            try
            {
                using var client = new ApiClient(options.Target, options.Concurrency + 4);
                var manifest = await new Seeder(client, options).RunAsync(ct);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
                await using (var stream = File.Create(options.Out))
                {
                    await JsonSerializer.SerializeAsync(stream, manifest, SeedManifestJson.Default.SeedManifest, ct);
                }
                Console.WriteLine($"seed manifest: {Path.GetRelativePath(Environment.CurrentDirectory, options.Out)} (holds bearer tokens valid until {manifest.TokensExpireAt:u})");
                return 0;
            }
            catch (BenchmarkFailedException e)
            {
                await Console.Error.WriteLineAsync($"error: seeding failed: {e.Message}");
                return 2;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"error: the API stopped answering while seeding ({e.Message}).");
                return 2;
            }
        });
        return command;
    }

    private static TenantPlan PlanOf(int requestsPerMinute) =>
        new(requestsPerMinute, Math.Max(TenantPlan.Default.Burst, requestsPerMinute / 60));

    /// <summary>Reads a manifest written by <c>seed</c>.</summary>
    public static async Task<SeedManifest> ReadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, SeedManifestJson.Default.SeedManifest, ct)
            ?? throw new BenchmarkFailedException($"{path} holds no seed manifest");
    }
}
