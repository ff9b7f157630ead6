using System.Text.Json;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Something that happened in a tenant: a committed change of an entity (<c>transaction.created</c>) or what it brought
/// about (<c>budget.category_overspent</c>). The same JSON is the body of a webhook delivery.
/// </summary>
/// <param name="Id">Unique; a receiver that sees an id twice has seen the same event twice (deliveries are at least once).</param>
/// <param name="User">The user whose data changed; null for events of the tenant itself (<c>webhook.disabled</c>).</param>
/// <param name="Time">When the change committed.</param>
/// <param name="Data">
/// The entity as its own endpoint shows it when the event was recorded (right after the commit), or <c>{"id"}</c> when it
/// was deleted. A transaction carries no payee and no memos (read the transaction for them); a card never its number.
/// </param>
public sealed record Event(string Id, string Type, string Tenant, string? User, DateTimeOffset Time, JsonElement Data);
