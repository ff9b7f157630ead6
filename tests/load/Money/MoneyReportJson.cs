using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Load.Money;

/// <summary>Source-generated JSON for the results file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(MoneyReport))]
internal sealed partial class MoneyReportJson : JsonSerializerContext;
