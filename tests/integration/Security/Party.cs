namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>Someone calling the API in the walk, named the way a failure message should name them.</summary>
internal sealed record Party(string Name, HttpClient Client, bool InOwnersTenant);
