using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Load.Reports;

/// <summary>Source-generated JSON for reading a run's summary (camelCase, as the harness writes it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJson : JsonSerializerContext;
