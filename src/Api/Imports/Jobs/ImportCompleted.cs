using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Imports.Jobs;

/// <summary>The payload of <c>import.completed</c>: which job ended and how (completed or stopped); its counts are at <c>GET /v1/imports/{id}</c>.</summary>
internal sealed record ImportCompleted(string Id, string AccountId, string Status, int Lines);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ImportCompleted))]
internal sealed partial class ImportEventJsonContext : JsonSerializerContext;
