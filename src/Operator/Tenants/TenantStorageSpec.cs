using System.Text.Json.Serialization;

namespace BudgetBuddy.Operator.Tenants;

/// <summary>How the tenant's DynamoDB tables are provisioned.</summary>
public sealed class TenantStorageSpec
{
    /// <summary>PAY_PER_REQUEST (default) or PROVISIONED with <see cref="ReadCapacity"/> and <see cref="WriteCapacity"/>.</summary>
    [JsonPropertyName("billingMode")]
    public string BillingMode { get; set; } = "PAY_PER_REQUEST";

    [JsonPropertyName("readCapacity")]
    public long? ReadCapacity { get; set; }

    [JsonPropertyName("writeCapacity")]
    public long? WriteCapacity { get; set; }

    [JsonPropertyName("pointInTimeRecovery")]
    public bool PointInTimeRecovery { get; set; } = true;

    [JsonPropertyName("deletionProtection")]
    public bool DeletionProtection { get; set; }

    /// <summary>STANDARD (default) or STANDARD_INFREQUENT_ACCESS.</summary>
    [JsonPropertyName("tableClass")]
    public string TableClass { get; set; } = "STANDARD";
}
