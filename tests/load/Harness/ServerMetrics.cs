using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// Reads the API's <c>budgetbuddy_dynamodb_call_duration_seconds</c> counters from <c>/metrics</c>. Two readings
/// around a phase tell how many DynamoDB calls each request made and how long they took inside the API, which is where
/// the time of a request goes.
/// </summary>
internal static partial class ServerMetrics
{
    /// <summary>The counters now; none when <c>/metrics</c> does not answer 200.</summary>
    public static async Task<DynamoDbCallCounts> ReadAsync(ApiClient client, CancellationToken ct)
    {
        var (status, text) = await client.GetTextAsync("/metrics", ct);
        var calls = new Dictionary<(string, string), (double, long)>();
        if ((int)status != 200)
        {
            return new DynamoDbCallCounts(calls);
        }
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

    [GeneratedRegex("""^budgetbuddy_dynamodb_call_duration_seconds_(?<kind>sum|count)\{(?<labels>[^}]*)\}\s+(?<value>\S+)""", RegexOptions.CultureInvariant)]
    private static partial Regex DynamoDbCall();

    [GeneratedRegex(@"(\w+)=""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Labels();
}
