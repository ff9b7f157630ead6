using Microsoft.Extensions.Logging;

namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>
/// The host's <see cref="ILoggerFactory"/>, decorated: every logger it hands out redacts before any provider sees
/// the entry. Redacting here, once per entry, rather than in a wrapper around each provider, keeps the providers'
/// own types visible to the factory, so per-provider filters (<c>Logging:Console:LogLevel</c>,
/// <c>AddFilter&lt;ConsoleLoggerProvider&gt;</c>) go on working, and costs one redaction per entry, not one per sink.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
