using System.Globalization;
using Microsoft.Extensions.Logging;
using Prometheus;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.OperatorRuntime;

/// <summary>Reads a sample from a prometheus-net registry through its text exposition, as a scraper would.</summary>
internal static class MetricValues
{
    public static async Task<double> ReadAsync(CollectorRegistry registry, string name, string labels)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var series = $"{name}{{{labels}}} ";
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[series.Length..], CultureInfo.InvariantCulture);
    }
}

/// <summary>Writes log lines to the test's output, so a failing test shows what the runtime said.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output, string name) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {name} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " (" + exception.GetType().Name + ": " + exception.Message + ")")}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
