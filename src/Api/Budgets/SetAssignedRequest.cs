namespace BudgetBuddy.Api.Budgets;

/// <summary>Body of <c>PUT /v1/budgets/{month}/categories/{categoryId}</c>: the amount assigned, in home-currency minor units.</summary>
public sealed record SetAssignedRequest(long? Assigned);
