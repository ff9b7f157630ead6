namespace BudgetBuddy.Operator.Hosting;

/// <summary>
/// The operator's scrape and probe endpoints. Kubelet and Prometheus call them every few seconds on every replica, so
/// ASP.NET Core's Information lines about them are demoted to Debug (see <see cref="QuietProbeLoggerFactory"/>).
/// </summary>
internal static class ProbeEndpoints
{
    public const string Metrics = "/metrics";
    public const string Healthz = "/healthz";
    public const string Readyz = "/readyz";

    private static readonly HashSet<string> Paths = new(StringComparer.OrdinalIgnoreCase) { Metrics, Healthz, Readyz };

    private static readonly AsyncLocal<bool> InProbe = new();

    /// <summary>
    /// Marks the rest of the pipeline (routing's endpoint lines, results' lines) as serving a probe. Hosting's own
    /// request lines come before and after the pipeline and carry the request path instead.
    /// </summary>
    public static IApplicationBuilder UseProbeMarking(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            InProbe.Value = Paths.Contains(context.Request.Path.Value ?? "");
            await next(context);
        });

    /// <summary>True when an ASP.NET Core log entry is about a probe or scrape request.</summary>
    public static bool IsAbout<TState>(TState state)
    {
        if (InProbe.Value)
        {
            return true;
        }
        if (state is not IEnumerable<KeyValuePair<string, object?>> values)
        {
            return false;
        }
        foreach (var (key, value) in values)
        {
            if (key == "Path" && value is string path && Paths.Contains(path))
            {
                return true;
            }
        }
        return false;
    }
}
