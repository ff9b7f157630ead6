using Microsoft.Extensions.Logging;

namespace BudgetBuddy.Operator.Hosting;

/// <summary>
/// The host's <see cref="ILoggerFactory"/>, decorated: ASP.NET Core's Information lines about a probe or scrape
/// (request starting, endpoint executing, result written, endpoint executed, request finished) are logged at Debug instead, while every
/// other request keeps its levels. Demoting in front of the factory's own loggers, rather than in a provider, leaves
/// the level filters to the factory: a Debug line is written only where Debug is enabled.
/// </summary>
internal sealed class QuietProbeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string AspNetCore = "Microsoft.AspNetCore.";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith(AspNetCore, StringComparison.Ordinal) ? new QuietProbeLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
