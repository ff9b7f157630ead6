using System.Globalization;
using System.Text.Json;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// The body the walk sends to an operation, taken from what the document says the API accepts: a JSON body is the
/// worked example on the request's schema. Intruders must get 404 before validation could object, and the owner
/// sends the very same body afterwards and must succeed, which proves the body was one the API accepts.
/// </summary>
internal static class RequestBodies
{
    // A statement's schema is a bare string with no example, so the walk brings its own: one line in the default
    // CSV layout, in the currency of every account the walk creates.
    private static readonly string CsvStatement =
        $"date,amount,payee,memo\n{RouteParameters.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},-12.34,Walk statement line,\n";

    /// <summary>The body to send, none when the operation takes none, or why the walk cannot build one.</summary>
    public static (RequestBody? Body, string? Gap) For(OpenApiOperation operation, JsonElement document)
    {
        if (operation.RequestBody is not { } requestBody || !requestBody.TryGetProperty("content", out var content))
        {
            return (null, null);
        }
        foreach (var media in content.EnumerateObject())
        {
            if (IsJson(media.Name) && ExampleOf(media.Value, document) is { } example)
            {
                return (new RequestBody(media.Name, example.GetRawText()), null);
            }
            if (media.Name == "text/csv")
            {
                return (new RequestBody(media.Name, CsvStatement), null);
            }
        }
        var offered = string.Join(", ", content.EnumerateObject().Select(m => m.Name));
        return (null, $"{operation}: no body to send ({offered}); give its schema an example in OpenApiExamples, or teach RequestBodies the media type");
    }

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>The media type's own example, else the (referenced) schema's first example.</summary>
    private static JsonElement? ExampleOf(JsonElement media, JsonElement document)
    {
        if (media.TryGetProperty("example", out var own))
        {
            return own;
        }
        if (!media.TryGetProperty("schema", out var schema))
        {
            return null;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            // "#/components/schemas/UpdateAccountRequest" → components.schemas.UpdateAccountRequest
            schema = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(document, (node, name) => node.GetProperty(name));
        }
        if (schema.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
        {
            return examples[0];
        }
        return schema.TryGetProperty("example", out var example) ? example : null;
    }
}
