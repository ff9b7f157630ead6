using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// One object as stored, with the resource it belongs to. <see cref="Object"/> is never changed once stored: every
/// write stores a new one, so watch history can share it.
/// </summary>
internal sealed record StoredObject(ApiResource Resource, JsonObject Object);
