using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>When the tenant's token signing key is replaced; the old public key stays valid for an overlap window.</summary>
public sealed class SigningKeySpec
{
    [JsonPropertyName("rotationDays")]
    public int RotationDays { get; set; } = 90;
}
