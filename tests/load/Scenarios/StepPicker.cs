namespace BudgetBuddy.Load.Scenarios;

/// <summary>Picks a step index with probability weight / total weight, by a cumulative table and a binary search.</summary>
internal sealed class StepPicker
{
    private readonly long[] cumulative;

    public StepPicker(IReadOnlyList<int> weights)
    {
        if (weights.Count == 0)
        {
            throw new ArgumentException("A scenario needs at least one step.", nameof(weights));
        }
        cumulative = new long[weights.Count];
        long total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0)
            {
                throw new ArgumentException($"Step {i} has a negative weight ({weights[i]}).", nameof(weights));
            }
            total += weights[i];
            cumulative[i] = total;
        }
        if (total == 0)
        {
            throw new ArgumentException("The steps' weights add up to 0: no step could ever be picked.", nameof(weights));
        }
    }

    public long TotalWeight => cumulative[^1];

    /// <summary>The step for a uniform random number: step i owns [cumulative[i-1], cumulative[i]) of the total.</summary>
    public int Pick(ulong random)
    {
        var point = (long)(random % (ulong)TotalWeight);
        // The first step whose cumulative weight is above the point; steps of weight 0 own no point, so never win.
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cumulative[middle] > point)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
