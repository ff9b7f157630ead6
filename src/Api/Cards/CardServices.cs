using BudgetBuddy.Api.Idempotency;

namespace BudgetBuddy.Api.Cards;

/// <summary>What the card handlers need, bound as one parameter.</summary>
internal sealed record CardServices(CardStore Store, IdempotentCreator Creator, TimeProvider Time);
