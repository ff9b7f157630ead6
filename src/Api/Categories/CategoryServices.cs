using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Sensitive;

namespace BudgetBuddy.Api.Categories;

/// <summary>What the category handlers need, bound as one parameter.</summary>
internal sealed record CategoryServices(CategoryStore Store, IdempotentCreator Creator, CategorySealer Sealer);
