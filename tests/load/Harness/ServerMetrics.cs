using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// A reading of the API's <c>budgetbuddy_dynamodb_call_duration_seconds</c> counters from <c>/metrics</c>. Two
/// readings around a phase tell how many DynamoDB calls each request made and how long they took inside the API,
/// which is where the time of a request goes.
/// </summary>
internal sealed partial class ServerMetrics
{
    private readonly Dictionary<(string Operation, string Outcome), (double Sum, long Count)> calls;

    private ServerMetrics(Dictionary<(string, string), (double, long)> calls) => this.calls = calls;

    public static async Task<ServerMetrics> ReadAsync(ApiClient client, CancellationToken ct)
    {
        var (status, text) = await client.GetTextAsync("/metrics", ct);
        var calls = new Dictionary<(string, string), (double, long)>();
        if ((int)status != 200)
        {
            return new ServerMetrics(calls);
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
        return new ServerMetrics(calls);
    }

    /// <summary>The calls made between <paramref name="before"/> and this reading, per one of <paramref name="requests"/>.</summary>
    public IReadOnlyList<StorageCall> Since(ServerMetrics before, long requests) =>
        calls
            .Select(c =>
            {
                var (sum, count) = before.calls.GetValueOrDefault(c.Key);
                var made = c.Value.Count - count;
                var seconds = c.Value.Sum - sum;
                return new StorageCall(
                    c.Key.Operation,
                    c.Key.Outcome,
                    made,
                    requests > 0 ? Math.Round((double)made / requests, 3) : 0,
                    made > 0 ? Math.Round(seconds * 1000 / made, 3) : 0);
            })
            .Where(c => c.Calls > 0)
            .OrderByDescending(c => c.Calls)
            .ToList();

    [GeneratedRegex("""^budgetbuddy_dynamodb_call_duration_seconds_(?<kind>sum|count)\{(?<labels>[^}]*)\}\s+(?<value>\S+)""", RegexOptions.CultureInvariant)]
    private static partial Regex DynamoDbCall();

    [GeneratedRegex(@"(\w+)=""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Labels();
}
