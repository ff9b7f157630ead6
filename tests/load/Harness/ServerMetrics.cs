using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// Reads the API's <c>/metrics</c>: the <c>budgetbuddy_dynamodb_call_duration_seconds</c> counters, and any histogram
/// as shares per bound. Two readings of the counters around a phase tell how many DynamoDB calls each request made and
/// how long they took inside the API, which is where the time of a request goes.
/// </summary>
internal static partial class ServerMetrics
{
    /// <summary>The counters now; none when <c>/metrics</c> does not answer 200.</summary>
    public static async Task<DynamoDbCallCounts> ReadAsync(ApiClient client, CancellationToken ct)
    {
        var (status, text) = await client.GetTextAsync("/metrics", ct);
        return Parse((int)status == 200 ? text : "");
    }

    /// <summary>The counters in a <c>/metrics</c> text already read.</summary>
    public static DynamoDbCallCounts Parse(string text)
    {
        var calls = new Dictionary<(string, string), (double, long)>();
        foreach (var line in text.Split('\n'))
        {
            if (DynamoDbCall().Match(line) is not { Success: true } match)
            {
                continue;
            }
            var labels = Labels().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value, StringComparer.Ordinal);
            var key = (labels.GetValueOrDefault("operation", "?"), labels.GetValueOrDefault("outcome", "?"));
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            var (sum, count) = calls.GetValueOrDefault(key);
            calls[key] = match.Groups["kind"].Value == "sum" ? (value, count) : (sum, (long)value);
        }
        return new DynamoDbCallCounts(calls);
    }

    /// <summary>A histogram of a <c>/metrics</c> text as the share of observations at or under each bound: <c>0.1 s 80%, 0.5 s 97%, …</c>.</summary>
    public static string Shares(string text, string histogram)
    {
        var buckets = text.Split('\n')
            .Where(l => l.StartsWith(histogram + "_bucket{", StringComparison.Ordinal))
            .Select(l => (Le: Labels().Matches(l).First(m => m.Groups[1].Value == "le").Groups[2].Value, Count: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToList();
        var total = buckets.LastOrDefault().Count;
        return total == 0 ? "none" : string.Join(", ", buckets.Where(b => b.Le != "+Inf").Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Le} s {100 * b.Count / total:F1}%")));
    }

    [GeneratedRegex("""^budgetbuddy_dynamodb_call_duration_seconds_(?<kind>sum|count)\{(?<labels>[^}]*)\}\s+(?<value>\S+)""", RegexOptions.CultureInvariant)]
    private static partial Regex DynamoDbCall();

    [GeneratedRegex(@"(\w+)=""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Labels();
}
