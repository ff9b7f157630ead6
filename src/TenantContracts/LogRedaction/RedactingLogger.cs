using Microsoft.Extensions.Logging;

namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>
/// Sits in front of the logger a <see cref="RedactingLoggerFactory"/> made for a category, so every provider behind it
/// (console, OTLP, a test's capture) receives the entry already redacted: the formatted message, each structured value,
/// the message template (an interpolated string logged as a template is all data), scopes and the exception's text.
/// An entry that holds no secret is passed on untouched.
/// </summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => RedactScope(state) is { } safe ? inner.BeginScope(safe) : inner.BeginScope(state);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }
        ArgumentNullException.ThrowIfNull(formatter);
        var safeException = RedactedException.From(exception);
        var message = formatter(state, safeException);
        var safeMessage = SecretRedactor.Redact(message);

        // By convention (FormattedLogValues, LoggerMessage, the source generator) a structured state's ToString is the
        // message just redacted; any other state's ToString is checked on its own, since the JSON console writes it.
        var structured = LogValueRedaction.ValuesOf(state);
        var otherText = structured is null ? state?.ToString() : null;
        var values = structured ?? [];
        var safeValues = LogValueRedaction.Redact(values);
        if (safeValues is null
            && ReferenceEquals(safeMessage, message)
            && (otherText is null || ReferenceEquals(SecretRedactor.Redact(otherText), otherText)))
        {
            inner.Log(logLevel, eventId, state, safeException, formatter);
            return;
        }
        inner.Log(logLevel, eventId, new RedactedLogState(safeMessage, safeValues ?? values), safeException, static (s, _) => s.ToString());
    }

    /// <summary>A redacted stand-in for the scope, or null when the scope holds no secret.</summary>
    private static object? RedactScope<TState>(TState state)
        where TState : notnull
    {
        if (LogValueRedaction.ValuesOf(state) is { } structured)
        {
            // The values are what a scope is made of (the request path of ASP.NET Core's request scope, say); its
            // text is only formatted when one of them held a secret.
            return LogValueRedaction.Redact(structured) is { } safeValues
                ? new RedactedLogState(SecretRedactor.Redact(state.ToString() ?? ""), safeValues)
                : null;
        }
        var text = state.ToString();
        if (text is null)
        {
            return null;
        }
        var safe = SecretRedactor.Redact(text);
        return ReferenceEquals(safe, text) ? null : safe;
    }
}
