using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Load.Operator;

/// <summary>Source-generated JSON for the results file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(OperatorReport))]
internal sealed partial class OperatorReportJson : JsonSerializerContext;
