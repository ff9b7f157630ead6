using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using BudgetBuddy.TestSupport;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// The API binary (<c>budgetbuddy-api</c>) as a child process on a port of its own, as a pod runs it: what the host
/// does on its own (a background service's failure stopping it, say) shows as the process exiting, which an in-process
/// host would hide; and several of them, like pods behind a load balancer, share only what lies outside them
/// (DynamoDB, Redis).
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ServingProcess process;

    // Inherited values of these would point the binary at whatever the machine runs, not at the test's servers.
    private static readonly string[] InheritedVariables =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "RateLimits__Redis__Configuration"];

    private ApiProcess(ServingProcess process) => this.process = process;

    /// <summary>The test's name for this process, for its messages.</summary>
    public string Name => process.Name;

    public Uri BaseAddress => process.BaseAddress;

    public bool HasExited => process.HasExited;

    /// <summary>Its exit code, or null while it runs.</summary>
    public int? ExitCode => process.HasExited ? process.Process.ExitCode : null;

    /// <summary>The process's recent output lines, for failure messages.</summary>
    public string Output => process.Output;

    /// <summary>Every output line so far (JSON, one a line), for tests that count what it logged.</summary>
    public string AllOutput => string.Join(Environment.NewLine, process.AllOutput);

    /// <summary>The last lines, for failure messages.</summary>
    public string Tail => process.Tail(30);

    /// <summary>Starts the apphost from the test's output folder, configured by environment variables only.</summary>
    /// <param name="settings">Configuration keys in environment form, e.g. <c>DynamoDb__ServiceUrl</c>.</param>
    public static ApiProcess Start(IReadOnlyDictionary<string, string> settings, string name = "api")
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "budgetbuddy-api.exe" : "budgetbuddy-api"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var variable in InheritedVariables)
        {
            start.Environment.Remove(variable);
        }
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return new ApiProcess(ServingProcess.Start(start, baseAddress, name));
    }

    /// <summary>
    /// Starts the binary pointed at <paramref name="fixture"/>'s DynamoDB, table prefix and KEK (in the Testing
    /// environment, plus <paramref name="settings"/>) and waits until it is live.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(ApiFixture fixture, string name, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_NOLOGO"] = "1",
            ["DynamoDb__ServiceUrl"] = fixture.Dynamo.ServiceUrl,
            ["DynamoDb__TablePrefix"] = fixture.TablePrefix,
            ["Encryption__LocalKeyFile"] = TestKek.FilePath,
            // As in the in-process host: events within a fraction of a second, a killed process's shards free in seconds.
            ["Events__PollInterval"] = "00:00:00.2",
            ["Events__LeaseDuration"] = "00:00:03",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var api = Start(environment, name);
        try
        {
            // Generous: several processes start at once, on a machine that may be running other suites too.
            await api.WaitUntilServingAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    /// <summary>An HTTP client of this process, sending <paramref name="token"/>.</summary>
    public HttpClient Client(string token, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc cref="Client(string, TimeSpan)"/>
    public HttpClient Client(string token) => Client(token, TimeSpan.FromSeconds(30));

    /// <summary>
    /// The value of a sample on the process's <c>/metrics</c> page, or null when it has none: <paramref name="name"/> is
    /// the metric's name, followed by its labels as exposed for a labelled one (<c>name{tenant="a",signal="b"}</c>).
    /// </summary>
    public async Task<double?> MetricAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var page = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = page.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until liveness answers 200.</summary>
    public Task WaitUntilServingAsync(TimeSpan timeout) => process.WaitUntilServingAsync("/actuator/health/liveness", timeout);

    /// <summary>Kills the process at once, as a node failure or an OOM kill would: no shutdown runs.</summary>
    public Task KillAsync() => process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        TestLogArchive.Append("api-process", process.AllOutput);
    }
}
