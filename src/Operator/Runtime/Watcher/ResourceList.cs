using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace BudgetBuddy.Operator.Runtime.Watcher;

/// <summary>
/// One page of a LIST of a custom resource. Items stay raw JSON so that one object that fails to deserialize is
/// skipped and logged instead of failing every list, forever.
/// </summary>
internal sealed class ResourceList
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<JsonElement>? Items { get; set; }
}
