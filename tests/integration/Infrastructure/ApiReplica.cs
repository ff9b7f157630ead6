using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// The API binary (<c>budgetbuddy-api</c>) as a child process, one of several pods behind a load balancer: each has
/// its own memory, so only what they share through a store outside them (DynamoDB, Redis) can hold across them.
/// </summary>
public sealed class ApiReplica : IAsyncDisposable
{
    // Inherited values of these would point the binary at whatever the machine runs, not at the test's servers.
    private static readonly string[] InheritedVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "RateLimits__Redis__Configuration"];

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ApiReplica(Process process, int port, string name)
    {
        this.process = process;
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the binary on a free port, pointed at the fixture's DynamoDB and table prefix, and waits until it serves.</summary>
    public static async Task<ApiReplica> StartAsync(ApiFixture fixture, string name, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var port = UnusedPort.Next();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "budgetbuddy-api.exe" : "budgetbuddy-api"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var variable in InheritedVariables)
        {
            start.Environment.Remove(variable);
        }
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DynamoDb__ServiceUrl"] = fixture.Dynamo.ServiceUrl;
        start.Environment["DynamoDb__TablePrefix"] = fixture.TablePrefix;
        start.Environment["Encryption__LocalKeyFile"] = TestKek.FilePath;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var api = new ApiReplica(process, port, name);
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    /// <summary>A client of this process, sending <paramref name="token"/>.</summary>
    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The value of an unlabelled sample on the process's <c>/metrics</c> page, or null when it has none.</summary>
    public async Task<double?> MetricAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var page = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = page.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The process's log lines so far (JSON, one a line).</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>The last log lines, for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, output.TakeLast(30));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        TestLogArchive.Append("api-process", output);
    }

    // Liveness, not readiness: readiness wants the registry table, which exists only once a tenant is provisioned.
    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"API {Name} exited with {process.ExitCode}.{Environment.NewLine}{Tail}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/actuator/health/liveness", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"API {Name} did not serve within {timeout}.{Environment.NewLine}{Tail}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
