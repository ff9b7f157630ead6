using System.Collections.Concurrent;

namespace BudgetBuddy.Load.Harness;

/// <summary>
/// Every failed request of a run, counted by route and status, with the first few bodies kept (and shown at once on
/// stderr) so a run that "got faster" because it was answering 503 is caught, not celebrated.
/// </summary>
internal sealed class ErrorLog
{
    public const int SamplesKept = 5;
    private const int MaxSampleLength = 600;

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> samples = new();
    private long total;
    private int sampled;

    public long Total => Interlocked.Read(ref total);

    /// <summary>Count per "route -> status", e.g. <c>POST /v1/transactions -> 503</c>.</summary>
    public IReadOnlyDictionary<string, long> Counts => counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    public IReadOnlyList<string> Samples => [.. samples];

    /// <param name="status">The HTTP status code, or the exception's type for a request that got no answer.</param>
    public void Record(string route, string status, string detail)
    {
        Interlocked.Increment(ref total);
        counts.AddOrUpdate($"{route} -> {status}", 1, (_, n) => n + 1);
        if (Interlocked.Increment(ref sampled) <= SamplesKept)
        {
            var clipped = detail.Length > MaxSampleLength ? detail[..MaxSampleLength] + "…" : detail;
            var sample = $"{route} -> {status}: {clipped}";
            samples.Enqueue(sample);
            Console.Error.WriteLine($"error: {sample}");
        }
    }
}
