using System.Text;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>One generated request, printed whole when the API answers it badly, so the failure can be replayed by hand.</summary>
internal sealed record FuzzRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType, string Mutation)
{
    public override string ToString()
    {
        var text = new StringBuilder($"[{Mutation}] {Method} {Target}");
        foreach (var (name, value) in Headers)
        {
            text.Append($" | {name}: {Clip(value)}");
        }
        if (Body is not null)
        {
            text.Append($" | Content-Type: {ContentType ?? "(none)"} | body ({Body.Length} bytes): {Clip(Encoding.UTF8.GetString(Body))}");
        }
        return text.ToString();
    }

    private static string Clip(string value) => value.Length > 300 ? value[..300] + "…" : value;
}
