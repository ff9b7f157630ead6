namespace BudgetBuddy.Operator.Hosting;

/// <summary>
/// The operator's scrape and probe endpoints. Kubelet and Prometheus call them every few seconds on every replica, so
/// the framework's request lines for them are demoted to Debug (see <see cref="QuietProbeLoggerFactory"/>).
/// </summary>
internal static class ProbeEndpoints
{
    public const string Metrics = "/metrics";
    public const string Healthz = "/healthz";
    public const string Readyz = "/readyz";

    private static readonly HashSet<string> Paths = new(StringComparer.OrdinalIgnoreCase) { Metrics, Healthz, Readyz };

    private static readonly HashSet<string> DisplayNames = new(StringComparer.Ordinal) { DisplayName(Metrics), DisplayName(Healthz), DisplayName(Readyz) };

    /// <summary>The endpoint's name in routing's log lines; set on each probe endpoint so those lines can be recognised.</summary>
    public static string DisplayName(string path) => $"probe {path}";

    /// <summary>
    /// True when a log entry of ASP.NET Core is about a probe request: hosting's request lines carry the request
    /// <c>Path</c>, routing's endpoint lines the <c>EndpointName</c>.
    /// </summary>
    public static bool IsAbout<TState>(TState state)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> values)
        {
            return false;
        }
        foreach (var (key, value) in values)
        {
            if (value is string text
                && ((key == "Path" && Paths.Contains(text)) || (key == "EndpointName" && DisplayNames.Contains(text))))
            {
                return true;
            }
        }
        return false;
    }
}
