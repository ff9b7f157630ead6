using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>A request the fake API server answers with a <c>Status</c> object and that status's HTTP code.</summary>
internal sealed class ApiStatusException(JsonObject status)
    : Exception((string?)status["message"])
{
    public JsonObject Status { get; } = status;

    public int Code => (int)Status["code"]!;
}
