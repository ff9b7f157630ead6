using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetBuddy.Api.Alerts;

namespace BudgetBuddy.Api.Events;

/// <summary>Source-generated JSON metadata for events, their payloads and alert settings, chained after the API's own.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(DeletedEntity))]
[JsonSerializable(typeof(BalanceBelow))]
[JsonSerializable(typeof(CategoryOverspent))]
[JsonSerializable(typeof(AlertSettings))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
