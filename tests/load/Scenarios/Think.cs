namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// The random choices of one request (which step, which user, account, month, amount), from a SplitMix64 stream
/// seeded with the run's seed and the request's number. A run with the same seed makes the same choices in the same
/// order of requests, and requests never share a generator, so no lock is needed.
/// </summary>
internal sealed class Think(ulong seed)
{
    private ulong state = seed;

    /// <summary>The generator of request <paramref name="index"/> of a run seeded with <paramref name="runSeed"/>.</summary>
    public static Think ForRequest(int runSeed, long index) =>
        new(unchecked(((ulong)(uint)runSeed << 32) ^ (ulong)index * 0x9E3779B97F4A7C15UL));

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, <paramref name="exclusiveMax"/>).</summary>
    public int Next(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)(NextUInt64() % (ulong)exclusiveMax);
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="exclusiveMax"/>).</summary>
    public long Between(long min, long exclusiveMax) => min + (long)(NextUInt64() % (ulong)(exclusiveMax - min));

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
