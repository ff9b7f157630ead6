using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>What the operator observed and did, written through the status subresource.</summary>
public sealed class BudgetBuddyTenantStatus
{
    /// <summary>Pending, Provisioning, Ready, Suspended, Deleting or Failed (see <see cref="TenantPhases"/>).</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>The spec generation this status describes; behind metadata.generation means not yet converged.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public List<TenantCondition>? Conditions { get; set; }

    [JsonPropertyName("ledgerTable")]
    public string? LedgerTable { get; set; }

    [JsonPropertyName("auditTable")]
    public string? AuditTable { get; set; }

    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("activeKeyId")]
    public string? ActiveKeyId { get; set; }
}

/// <summary>The values of <see cref="BudgetBuddyTenantStatus.Phase"/>.</summary>
public static class TenantPhases
{
    public const string Pending = "Pending";
    public const string Provisioning = "Provisioning";
    public const string Ready = "Ready";
    public const string Suspended = "Suspended";
    public const string Deleting = "Deleting";
    public const string Failed = "Failed";
}
