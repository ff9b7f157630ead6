using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetBuddy.TenantContracts.Compliance;

namespace BudgetBuddy.Operator.Cli;

/// <summary>The compliance report as JSON, in the API's shape (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ComplianceReport))]
internal sealed partial class ComplianceJsonContext : JsonSerializerContext;
