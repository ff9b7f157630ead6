namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>An object the owner created: its collection (<c>accounts</c>), id, and where the owner reads it back.</summary>
internal sealed record OwnedObject(string Collection, string Id, string Location);
