using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// One write, as watches see it: the object after the write (for a deletion, its last state with the deletion's
/// resourceVersion) and before it, so that selector watches can turn a modification into ADDED or DELETED.
/// </summary>
internal sealed record StoredEvent(long ResourceVersion, string Type, ApiResource Resource, string Namespace, JsonObject? Previous, JsonObject Object);
