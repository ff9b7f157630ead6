using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>JSON as the real server writes it: quotes escaped as <c>\"</c>, not <c>\u0022</c>, and UTF-8 left as is.</summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
