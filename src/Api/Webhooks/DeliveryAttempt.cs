namespace BudgetBuddy.Api.Webhooks;

/// <summary>One attempt to deliver an event to an endpoint, as the delivery loop records it.</summary>
/// <param name="Attempt">1 for the first attempt of this event at this endpoint, then 2, 3, ….</param>
/// <param name="NextRetryAt">When the loop will try again; null when it will not (delivered, or given up).</param>
public sealed record DeliveryAttempt(
    string EventId, string EventType, int Attempt, DeliveryOutcome Outcome, DateTimeOffset At, DateTimeOffset? NextRetryAt);
