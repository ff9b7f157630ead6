using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>
/// When the tenant's data key is replaced for new encryptions; older keys stay and keep decrypting what they
/// encrypted, so rotation needs no downtime and no re-encryption.
/// </summary>
public sealed class EncryptionSpec
{
    [JsonPropertyName("dataKeyRotationDays")]
    public int DataKeyRotationDays { get; set; } = 90;
}
