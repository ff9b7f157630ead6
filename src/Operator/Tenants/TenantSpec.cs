using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>What the platform engineer asks for. Defaults here match the CRD's OpenAPI defaults.</summary>
public sealed class TenantSpec
{
    /// <summary>Human-readable name; defaults to the tenant id.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("plan")]
    public TenantPlanSpec Plan { get; set; } = new();

    [JsonPropertyName("storage")]
    public TenantStorageSpec Storage { get; set; } = new();

    /// <summary>Retain (default) keeps the tables when the resource is deleted; Delete removes them.</summary>
    [JsonPropertyName("deletionPolicy")]
    public string DeletionPolicy { get; set; } = DeletionPolicies.Retain;

    [JsonPropertyName("signingKey")]
    public SigningKeySpec SigningKey { get; set; } = new();

    [JsonPropertyName("encryption")]
    public EncryptionSpec Encryption { get; set; } = new();

    [JsonPropertyName("retention")]
    public RetentionSpec Retention { get; set; } = new();

    /// <summary>While true the API answers 403 for the tenant; data is kept.</summary>
    [JsonPropertyName("suspended")]
    public bool Suspended { get; set; }

    /// <summary>Tags applied to the tenant's tables (cost allocation).</summary>
    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }
}

/// <summary>The values of <see cref="TenantSpec.DeletionPolicy"/>.</summary>
public static class DeletionPolicies
{
    public const string Retain = "Retain";
    public const string Delete = "Delete";
}
