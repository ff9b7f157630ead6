using BudgetBuddy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// What the operator logs about the HTTP requests it serves, captured down to Debug, with the logging configured as in
/// production (Information and up for ASP.NET Core). Its controller watches a fake Kubernetes API with no tenants.
/// </summary>
public sealed class OperatorRequestLoggingTests : IAsyncLifetime
{
    private CapturedLogs Logs { get; } = new();
    private IdleOperatorHost host = null!;

    private string BaseUrl => host.BaseUrl;

    public async Task InitializeAsync()
    {
        ConsoleOutput.EnsureInstalled();
        host = await IdleOperatorHost.StartAsync(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(Logs)
            .AddFilter<CapturedLogs>(null, LogLevel.Debug)
            .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Logs.Archive("operator-request-logging");
    }

    [Fact]
    public async Task Scrapes_and_probes_log_at_debug_while_other_requests_keep_information()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        foreach (var path in new[] { "/metrics", "/healthz", "/readyz" })
        {
            (await http.GetAsync(path)).EnsureSuccessStatusCode();
        }
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/no-such-endpoint")).StatusCode);

        // Hosting writes "Request finished" after the response is sent: wait for the last request's line.
        await host.Kube.WaitForAsync(() => RequestLines("/no-such-endpoint").Any(l => l.Contains("Request finished", StringComparison.Ordinal)));

        foreach (var path in new[] { "/metrics", "/healthz", "/readyz" })
        {
            var lines = RequestLines(path);
            Assert.Contains(lines, l => l.StartsWith("Debug ", StringComparison.Ordinal) && l.Contains("Request starting", StringComparison.Ordinal));
            Assert.False(lines.Any(l => l.StartsWith("Information ", StringComparison.Ordinal)), string.Join("\n", lines));
        }
        var other = RequestLines("/no-such-endpoint");
        Assert.Contains(other, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("Request starting", StringComparison.Ordinal));
        Assert.Contains(other, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("Request finished", StringComparison.Ordinal));
    }

    /// <summary>ASP.NET Core's lines about requests to <paramref name="path"/> (hosting's carry the path, routing's the scope).</summary>
    private List<string> RequestLines(string path) =>
        [.. Logs.Lines.Where(l => l.Contains(" Microsoft.AspNetCore.", StringComparison.Ordinal) && l.Contains($"Path={path}", StringComparison.Ordinal))];
}
