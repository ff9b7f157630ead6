using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.UnitTests.LogRedaction;

/// <summary>A provider that keeps each entry as a provider receives it: state object, formatted message, exception, scopes.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<RecordedEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeTexts = new List<string>();
            provider.scopes.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                }
            }, scopeTexts);
            var values = state is IReadOnlyList<KeyValuePair<string, object?>> list ? list.ToList() : [];
            provider.Entries.Enqueue(new RecordedEntry(state, formatter(state, exception), values, exception, scopeTexts));
        }
    }
}

internal sealed record RecordedEntry(
    object? State, string Message, List<KeyValuePair<string, object?>> Values, Exception? Exception, List<string> Scopes)
{
    /// <summary>Everything a sink could write of this entry, as text.</summary>
    public string AllText =>
        string.Join(" | ", [Message, State?.ToString() ?? "", .. Values.Select(v => $"{v.Key}={v.Value}"), Exception?.ToString() ?? "", Exception?.Message ?? "", .. Scopes]);
}
