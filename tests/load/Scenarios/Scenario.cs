namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// A named load: its weighted steps, how it is offered (open or closed model) and, for the closed model, how many
/// connections by default. The users, accounts and tokens the steps use come from the seed.
/// </summary>
internal sealed record Scenario(string Name, string Description, LoadModel Model, int? DefaultConnections, IReadOnlyList<ScenarioStep> Steps)
{
    public StepPicker Picker() => new([.. Steps.Select(s => s.Weight)]);
}
