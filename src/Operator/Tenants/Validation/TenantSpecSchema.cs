using System.Text.Json;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Tenants.Validation;

/// <summary>
/// The rules of a BudgetBuddyTenant's spec, the same as the CRD's OpenAPI schema in the chart (a test keeps the two
/// in step). The operator applies them itself because the schema may not be there: a CRD from another chart version,
/// an older one, or objects written with validation off.
/// </summary>
internal static class TenantSpecSchema
{
    public const string ProvisionedNeedsCapacity = "PROVISIONED billing needs readCapacity and writeCapacity";

    private static readonly FieldSchema Days = new() { Type = FieldSchema.Integer, Format = "int32", Minimum = 1, Maximum = 3650 };

    private static readonly FieldSchema Years = new()
    {
        Type = FieldSchema.Integer, Format = "int32", Minimum = RetentionPolicy.MinYears, Maximum = RetentionPolicy.MaxYears,
    };

    public static readonly FieldSchema Spec = new()
    {
        Type = FieldSchema.Object,
        Properties = new Dictionary<string, FieldSchema>
        {
            ["displayName"] = new() { Type = FieldSchema.String, MaxLength = 200 },
            ["plan"] = new()
            {
                Type = FieldSchema.Object,
                Properties = new Dictionary<string, FieldSchema>
                {
                    ["requestsPerMinute"] = new() { Type = FieldSchema.Integer, Format = "int32", Minimum = 1 },
                    ["burst"] = new() { Type = FieldSchema.Integer, Format = "int32", Minimum = 1 },
                },
            },
            ["storage"] = new()
            {
                Type = FieldSchema.Object,
                Properties = new Dictionary<string, FieldSchema>
                {
                    ["billingMode"] = new() { Type = FieldSchema.String, Enum = ["PAY_PER_REQUEST", "PROVISIONED"] },
                    ["readCapacity"] = new() { Type = FieldSchema.Integer, Format = "int64", Minimum = 1 },
                    ["writeCapacity"] = new() { Type = FieldSchema.Integer, Format = "int64", Minimum = 1 },
                    ["pointInTimeRecovery"] = new() { Type = FieldSchema.Boolean },
                    ["deletionProtection"] = new() { Type = FieldSchema.Boolean },
                    ["tableClass"] = new() { Type = FieldSchema.String, Enum = ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] },
                },
                Rules = [new CrossFieldRule(ProvisionedNeedsCapacity, ProvisionedHasCapacity)],
            },
            ["deletionPolicy"] = new() { Type = FieldSchema.String, Enum = [DeletionPolicies.Retain, DeletionPolicies.Delete] },
            ["signingKey"] = new()
            {
                Type = FieldSchema.Object,
                Properties = new Dictionary<string, FieldSchema> { ["rotationDays"] = Days },
            },
            ["encryption"] = new()
            {
                Type = FieldSchema.Object,
                Properties = new Dictionary<string, FieldSchema> { ["dataKeyRotationDays"] = Days },
            },
            ["retention"] = new()
            {
                Type = FieldSchema.Object,
                Properties = new Dictionary<string, FieldSchema>
                {
                    ["transactionsYears"] = Years,
                    ["auditYears"] = Years,
                    ["closedAccountsYears"] = Years,
                },
            },
            ["suspended"] = new() { Type = FieldSchema.Boolean },
            ["tags"] = new()
            {
                Type = FieldSchema.Object,
                MaxProperties = 40,
                AdditionalProperties = new() { Type = FieldSchema.String, MaxLength = 256 },
            },
        },
    };

    // CEL: self.billingMode != 'PROVISIONED' || (has(self.readCapacity) && has(self.writeCapacity))
    private static bool ProvisionedHasCapacity(JsonElement storage) =>
        !(storage.TryGetProperty("billingMode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "PROVISIONED")
        || (Has(storage, "readCapacity") && Has(storage, "writeCapacity"));

    private static bool Has(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
