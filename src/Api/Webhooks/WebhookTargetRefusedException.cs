namespace BudgetBuddy.Api.Webhooks;

/// <summary>A delivery's target failed the SSRF guard when its connection was about to be made; nothing was sent.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
