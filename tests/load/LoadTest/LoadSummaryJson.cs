using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>Source-generated JSON of the summary: camelCase, indented, nulls written (the renderer reads <c>connections: null</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LoadSummary))]
internal sealed partial class LoadSummaryJson : JsonSerializerContext;
