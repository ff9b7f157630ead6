using System.Text.Json;

namespace BudgetBuddy.Api.Events;

/// <summary>An event a commit announces beyond the entities it changed (an import that completed), with its payload.</summary>
internal sealed record EventDraft(string Type, JsonElement Data);
