using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>The tenant's request allowance, enforced by the API's per-tenant rate limiter.</summary>
public sealed class TenantPlanSpec
{
    [JsonPropertyName("requestsPerMinute")]
    public int RequestsPerMinute { get; set; } = 60_000;

    [JsonPropertyName("burst")]
    public int Burst { get; set; } = 1_000;
}
