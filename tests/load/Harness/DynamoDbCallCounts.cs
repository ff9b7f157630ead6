namespace BudgetBuddy.Load.Harness;

/// <summary>
/// A reading of cumulative DynamoDB call counters by operation and outcome: how many calls, and their total seconds.
/// Two readings around a phase tell how many calls each request made and how long they took. The API's come from its
/// <c>/metrics</c> (<see cref="ServerMetrics"/>); the storage path counts its own the same way.
/// </summary>
internal sealed class DynamoDbCallCounts(IReadOnlyDictionary<(string Operation, string Outcome), (double Sum, long Count)> calls)
{
    private readonly IReadOnlyDictionary<(string Operation, string Outcome), (double Sum, long Count)> calls = calls;

    /// <summary>The calls made between <paramref name="before"/> and this reading, per one of <paramref name="requests"/>.</summary>
    public IReadOnlyList<StorageCall> Since(DynamoDbCallCounts before, long requests) =>
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
}
