using System.Globalization;

namespace BudgetBuddy.Load.Bench;

/// <summary>
/// What one <c>make bench</c> run measured, as <c>run-bench.sh</c> wrote it: one <c>name=value</c> line per figure,
/// where a load run's value is the path of its JSON summary. A step that was skipped has no line.
/// </summary>
internal sealed class BenchFigures(IReadOnlyDictionary<string, string> values)
{
    public static BenchFigures Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }
        return new BenchFigures(values);
    }

    public string? Text(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public double? Number(string name) =>
        Text(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
