using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;
using HdrHistogram;
using k8s;

namespace BudgetBuddy.Load.Operator;

/// <summary>
/// Applies N tenants at once, as a platform team onboarding in bulk would, and times each from its create to the
/// Ready condition the operator writes; then checks every tenant is really there (tables ACTIVE, Secret, registry
/// item) and reads the operator's peak memory and reconcile counts.
/// </summary>
internal static class OperatorBenchmark
{
    private const string Namespace = "tenants";

    /// <returns>0 when every tenant became Ready and checked out; 1 otherwise (the figures are still reported).</returns>
    public static async Task<int> RunAsync(OperatorOptions options, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var kube = await FakeKubernetesApi.StartAsync();
        using var client = kube.CreateClient();
        await using var child = ChildOperator.Start(options, kube.BaseUrl, Namespace);
        await child.WaitUntilServingAsync(TimeSpan.FromSeconds(60), ct);
        Console.WriteLine($"operator pid {child.ProcessId} serving; applying {options.Tenants} tenants to namespace {Namespace}");

        var names = Enumerable.Range(1, options.Tenants).Select(i => $"bench-{i:000}").ToArray();
        var cpu = CpuSampler.Start(new Dictionary<string, int>(StringComparer.Ordinal));
        var clock = Stopwatch.StartNew();
        var appliedAt = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var readyAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        // Watching starts before the first apply: a tenant may be Ready before the last one is applied.
        var allReady = kube.WaitForAsync(() => RecordReady(kube, readyAt, clock) == names.Length, options.Timeout);

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = options.ApplyConcurrency, CancellationToken = ct }, async (name, c) =>
        {
            var started = clock.Elapsed;
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(Manifest(name), TenantResource.Group, TenantResource.Version, Namespace, TenantResource.Plural, cancellationToken: c);
            appliedAt[name] = started;
        });
        var applySeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"applied {names.Length} tenants in {applySeconds:F2} s; waiting for Ready (timeout {options.Timeout.TotalSeconds:F0} s)");

        var problems = new List<string>();
        try
        {
            await allReady;
        }
        catch (TimeoutException)
        {
            problems.Add($"only {readyAt.Count} of {names.Length} tenants were Ready after {options.Timeout.TotalSeconds:F0} s");
        }
        var allReadySeconds = clock.Elapsed.TotalSeconds;
        var cpuUsage = cpu.Stop();
        var resources = child.Resources();
        var reconciles = await child.ReconcilesAsync(ct);

        problems.AddRange(await CheckAsync(options, kube, names, ct));
        var histogram = new LongHistogram(TimeStamp.Hours(1), 3);
        foreach (var (name, ready) in readyAt)
        {
            histogram.RecordValue((long)(ready - appliedAt[name]).TotalMicroseconds);
        }
        var report = new OperatorReport(
            startedAt,
            DateTimeOffset.UtcNow,
            MachineInfo.Current(),
            options.Tenants,
            options.OperatorConcurrency,
            options.DynamoDbUrl,
            Math.Round(applySeconds, 3),
            Math.Round(readyAt.Count == 0 ? 0 : readyAt.Values.Min().TotalSeconds, 3),
            Math.Round(allReadySeconds, 3),
            Math.Round(readyAt.Count / (allReadySeconds / 60), 1),
            LatencySummary.Of(histogram),
            reconciles,
            resources.PeakResidentBytes,
            resources.ResidentBytes,
            Math.Round(resources.CpuTime.TotalSeconds, 2),
            cpuUsage,
            problems);
        var file = await WriteAsync(report, options.ResultsDir, ct);
        Console.WriteLine();
        Console.Write(OperatorSummary.Render(report));
        Console.WriteLine($"results: {file}");
        if (!report.Clean)
        {
            Console.Error.WriteLine($"last operator output:{Environment.NewLine}{child.LastLines}");
        }
        return report.Clean ? 0 : 1;
    }

    private static JsonObject Manifest(string name) => new()
    {
        ["apiVersion"] = TenantResource.ApiVersion,
        ["kind"] = TenantResource.Kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
        ["spec"] = new JsonObject { ["displayName"] = $"Benchmark tenant {name}", ["deletionPolicy"] = "Delete" },
    };

    /// <returns>How many tenants are Ready now; stamps the ones seen Ready for the first time.</returns>
    private static int RecordReady(FakeKubernetesApi kube, Dictionary<string, TimeSpan> readyAt, Stopwatch clock)
    {
        foreach (var tenant in kube.List(ApiResources.BudgetBuddyTenants, Namespace))
        {
            var name = tenant["metadata"]!["name"]!.GetValue<string>();
            var ready = tenant["status"]?["conditions"]?.AsArray()
                .Any(c => c?["type"]?.GetValue<string>() == TenantConditionTypes.Ready && c["status"]?.GetValue<string>() == "True") ?? false;
            if (ready)
            {
                readyAt.TryAdd(name, clock.Elapsed);
            }
        }
        return readyAt.Count;
    }

    /// <summary>Ready must mean real: both tables ACTIVE, the Secret stored, the registry item written.</summary>
    private static async Task<List<string>> CheckAsync(OperatorOptions options, FakeKubernetesApi kube, string[] names, CancellationToken ct)
    {
        var problems = new ConcurrentBag<string>();
        var tables = new TenantTables(options.TablePrefix);
        using var dynamo = new DynamoDbOptions { ServiceUrl = options.DynamoDbUrl, TablePrefix = options.TablePrefix }.CreateClient();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (name, c) =>
        {
            foreach (var table in new[] { tables.Ledger(name), tables.Audit(name) })
            {
                var status = (await dynamo.DescribeTableAsync(table, c)).Table.TableStatus;
                if (status != TableStatus.ACTIVE)
                {
                    problems.Add($"{table} is {status}");
                }
            }
            if (kube.Get(ApiResources.Secrets, Namespace, TenantSecretLayout.SecretName(name)) is null)
            {
                problems.Add($"no Secret {TenantSecretLayout.SecretName(name)}");
            }
            var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = tables.Registry, Key = TenantRecordItem.Key(name), ConsistentRead = true }, c);
            if (!item.IsItemSet)
            {
                problems.Add($"no registry item for {name}");
            }
        });
        return [.. problems.Order(StringComparer.Ordinal)];
    }

    private static async Task<string> WriteAsync(OperatorReport report, string resultsDir, CancellationToken ct)
    {
        Directory.CreateDirectory(resultsDir);
        var file = Path.Combine(resultsDir, $"operator-{report.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, report, OperatorReportJson.Default.OperatorReport, ct);
        return Path.GetRelativePath(Environment.CurrentDirectory, file);
    }
}
