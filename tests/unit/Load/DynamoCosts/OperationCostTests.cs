using BudgetBuddy.Load.DynamoCosts;

namespace BudgetBuddy.UnitTests.Load.DynamoCosts;

public sealed class OperationCostTests
{
    [Fact]
    public void The_stores_share_of_all_cores_over_the_phase_becomes_its_cpu_per_call()
    {
        // Half of 2 cores for 2 s is 2 s of CPU; over 1,000 calls, 2 ms each. 4 in flight for 2 s: 8 ms a call.
        var cost = OperationCost.From("GetItem", "one item", calls: 1_000, inFlight: 4, storePercentOfCores: 50, TimeSpan.FromSeconds(2), cores: 2);

        Assert.Equal(2.0, cost.StoreCpuMsPerCall, 6);
        Assert.Equal(8.0, cost.WallMsPerCall, 6);
        Assert.StartsWith("GetItem", cost.Line(), StringComparison.Ordinal);
        Assert.Contains("2.000 ms", cost.Line(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_calls_is_refused_rather_than_divided_by()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OperationCost.From("x", "y", calls: 0, inFlight: 1, 10, TimeSpan.FromSeconds(1), cores: 2));
    }
}
