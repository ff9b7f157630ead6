namespace BudgetBuddy.Load.DynamoCosts;

/// <summary>One kind of DynamoDB call to measure: its name, the shape of what it reads or writes, and one call of it.</summary>
internal sealed record CostProbe(string Name, string Shape, Func<CancellationToken, Task> CallAsync);
