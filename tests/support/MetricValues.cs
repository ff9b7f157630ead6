using System.Globalization;
using Prometheus;

namespace BudgetBuddy.TestSupport;

/// <summary>Reads a sample from a prometheus-net registry through its text exposition, as a scraper would.</summary>
public static class MetricValues
{
    /// <summary>The sample's value; NaN when the registry has no such series.</summary>
    /// <param name="labels">The series' labels as exposed, e.g. <c>reason="closed"</c>; null for an unlabelled sample.</param>
    public static async Task<double> ReadAsync(CollectorRegistry registry, string name, string? labels = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var series = (labels is null ? name : $"{name}{{{labels}}}") + " ";
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[series.Length..], CultureInfo.InvariantCulture);
    }
}
