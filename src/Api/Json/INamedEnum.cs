namespace BudgetBuddy.Api.Json;

/// <summary>An enum converter that reads and writes exactly these names, in member order.</summary>
internal interface INamedEnum
{
    IReadOnlyList<string> Names { get; }
}
