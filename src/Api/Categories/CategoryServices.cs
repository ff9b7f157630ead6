using BudgetBuddy.Api.Idempotency;

namespace BudgetBuddy.Api.Categories;

/// <summary>What the category handlers need, bound as one parameter.</summary>
internal sealed record CategoryServices(CategoryStore Store, IdempotentCreator Creator);
