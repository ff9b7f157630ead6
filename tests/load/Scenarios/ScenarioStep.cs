namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// One kind of request in a scenario: its name (as reports show it), its weight (its share of the requests is
/// weight / total weight), and how to build one from the seeded data and the request's random choices.
/// </summary>
internal sealed record ScenarioStep(string Name, int Weight, Func<LoadData, Think, LoadRequest> Build);
