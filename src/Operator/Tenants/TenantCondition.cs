using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>A condition shaped like <c>metav1.Condition</c>, so kubectl and tooling read it as they read any other.</summary>
public sealed class TenantCondition
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "Unknown";

    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";

    [JsonPropertyName("lastTransitionTime")]
    public DateTime LastTransitionTime { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }
}
