using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.UnitTests.Load;

public sealed class StepPickerTests
{
    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 1)]
    [InlineData(2UL, 1)]
    [InlineData(3UL, 2)]
    [InlineData(5UL, 2)]
    [InlineData(6UL, 0)]     // wraps around the total weight
    public void Each_step_owns_a_share_of_the_total_weight_as_large_as_its_weight(ulong random, int step)
    {
        Assert.Equal(step, new StepPicker([1, 2, 3]).Pick(random));
    }

    [Fact]
    public void A_step_of_weight_zero_is_never_picked_and_the_others_come_in_proportion()
    {
        var picker = new StepPicker([20, 0, 5]);
        var think = new Think(42);
        var counts = new int[3];
        for (var i = 0; i < 100_000; i++)
        {
            counts[picker.Pick(think.NextUInt64())]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[0] / 100_000.0, 0.79, 0.81);
        Assert.InRange(counts[2] / 100_000.0, 0.19, 0.21);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0, 0 })]
    [InlineData(new[] { 5, -1 })]
    public void Weights_that_could_not_pick_a_step_are_refused(int[] weights)
    {
        Assert.Throws<ArgumentException>(() => new StepPicker(weights));
    }

    [Fact]
    public void The_same_run_seed_makes_the_same_choices_for_the_same_request()
    {
        var first = Think.ForRequest(7, 12_345);
        var again = Think.ForRequest(7, 12_345);
        var next = Think.ForRequest(7, 12_346);

        var sequence = Enumerable.Range(0, 5).Select(_ => first.NextUInt64()).ToList();
        Assert.Equal(sequence, Enumerable.Range(0, 5).Select(_ => again.NextUInt64()));
        Assert.NotEqual(sequence[0], next.NextUInt64());
    }

    [Theory]
    [InlineData("mixed")]
    [InlineData("write-heavy")]
    [InlineData("connections")]
    [InlineData("accounts")]
    public void Every_scenario_has_weights_that_add_up_to_100_and_distinct_step_names(string name)
    {
        var scenario = ScenarioCatalog.Find(name)!;
        Assert.Equal(100, scenario.Steps.Sum(s => s.Weight));
        Assert.Equal(scenario.Steps.Count, scenario.Steps.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void The_mixed_client_reads_about_four_times_as_often_as_it_writes()
    {
        var writes = new[] { "post-transaction", "post-transfer", "patch-transaction", "assign-budget", "post-category" };
        var mixed = ScenarioCatalog.Find("mixed")!;
        Assert.Equal(22, mixed.Steps.Where(s => writes.Contains(s.Name)).Sum(s => s.Weight));
        Assert.Equal(LoadModel.Closed, ScenarioCatalog.Find("connections")!.Model);
        Assert.Equal(10_000, ScenarioCatalog.Find("connections")!.DefaultConnections);
    }
}
