using Microsoft.OpenApi;

namespace BudgetBuddy.Api.Changes;

/// <summary>
/// A change's <c>data</c> is the entity as its own endpoint shows it, or null in a tombstone. Generated from
/// <see cref="System.Text.Json.JsonElement"/> it would read "anything or null", which a null matches twice in a oneOf.
/// </summary>
internal static class ChangeEntryData
{
    /// <summary>The schema of each entity type the feed carries (see <see cref="EntityRenderers"/>).</summary>
    private static readonly string[] Entities = ["Account", "Category", "Transaction", "BudgetEntry", "UserSettings", "Card", "AlertSettings"];

    public static void Apply(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || !schemas.TryGetValue("ChangeEntry", out var entry) || entry is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }
        properties["data"] = new OpenApiSchema
        {
            Description = "The entity as its own endpoint answers it (op upsert), or null (op delete).",
            AnyOf = [
                new OpenApiSchema { Type = JsonSchemaType.Null },
                .. Entities.Where(schemas.ContainsKey).Select(e => (IOpenApiSchema)new OpenApiSchemaReference(e, document)),
            ],
        };
        if (schemas.TryGetValue("Event", out var e) && e is OpenApiSchema { Properties: { } eventProperties })
        {
            eventProperties["data"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The entity as its own endpoint shows it (transactions without payee and memos, cards masked), {\"id\"} for a deletion, or the alert's details.",
            };
        }
        schemas.Remove("JsonElement");
    }
}
