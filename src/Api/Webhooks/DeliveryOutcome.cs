namespace BudgetBuddy.Api.Webhooks;

/// <summary>What one attempt came to: the result, the receiver's status when it answered, and how long it took.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, int? StatusCode, TimeSpan Duration)
{
    public bool Delivered => Result == DeliveryResult.Delivered;
}
