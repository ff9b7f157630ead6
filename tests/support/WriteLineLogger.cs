using Microsoft.Extensions.Logging;

namespace BudgetBuddy.TestSupport;

/// <summary>
/// A logger that writes each line to <paramref name="writeLine"/>, e.g. a test's output, so a failing test shows what
/// the code under test said, and when.
/// </summary>
/// <param name="writeLine">Where lines go, e.g. xUnit's <c>ITestOutputHelper.WriteLine</c>.</param>
/// <param name="name">Who is speaking, when several share one output (replicas, watchers).</param>
public sealed class WriteLineLogger(Action<string> writeLine, string? name = null) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var speaker = name is null ? "" : name + " ";
        try
        {
            writeLine($"{DateTime.UtcNow:HH:mm:ss.fff} {speaker}{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
