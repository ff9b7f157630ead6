using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Hosting;

/// <summary>One ASP.NET Core category's logger behind <see cref="QuietProbeLoggerFactory"/>.</summary>
internal sealed class QuietProbeLogger(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var level = logLevel == LogLevel.Information && ProbeEndpoints.IsAbout(state) ? LogLevel.Debug : logLevel;
        inner.Log(level, eventId, state, exception, formatter);
    }
}
