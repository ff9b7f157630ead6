using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// The API binary (<c>budgetbuddy-api</c>) as a child process on a port of its own, as a pod runs it: what the host
/// does on its own (a background service's failure stopping it, say) shows as the process exiting, which an in-process
/// host would hide.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> allOutput = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Its exit code, or null while it runs.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>The process's recent output lines, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Starts the apphost from the test's output folder, configured by environment variables only.</summary>
    /// <param name="settings">Configuration keys in environment form, e.g. <c>DynamoDb__ServiceUrl</c>.</param>
    public static ApiProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{UnusedPort.Next()}");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "budgetbuddy-api.exe" : "budgetbuddy-api"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var api = new ApiProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>An HTTP client of this process, sending <paramref name="token"/>.</summary>
    public HttpClient Client(string token, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until liveness answers 200.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API at {BaseAddress} exited with {process.ExitCode}.{Environment.NewLine}{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/actuator/health/liveness", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer in time.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The API at {BaseAddress} was not live within {timeout}.{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        TestLogArchive.Append("api-process", allOutput);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        allOutput.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }
}
