using System.Collections.Concurrent;

namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>Every API of the run serves the same document: it is compiled once, not once per test class.</summary>
public static class ServedContracts
{
    private static readonly ConcurrentDictionary<string, Lazy<ServedContract>> ByText = new(StringComparer.Ordinal);

    public static ServedContract For(string documentText) =>
        ByText.GetOrAdd(StripServers(documentText), text => new Lazy<ServedContract>(() => new ServedContract(text))).Value;

    // The servers list names the port the document was read from, the only part that differs between fixtures.
    private static string StripServers(string text)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        document.Remove("servers");
        return document.ToJsonString();
    }
}
