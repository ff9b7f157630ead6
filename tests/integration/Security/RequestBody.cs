namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>A body the walk sends: its media type and text.</summary>
internal sealed record RequestBody(string MediaType, string Text);
