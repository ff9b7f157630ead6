using System.Text.Json;

namespace BudgetBuddy.Load.Scenarios;

/// <summary>Reads one top-level string of an answer without building a document: the generator shares the cores with what it measures.</summary>
internal static class JsonFields
{
    /// <summary>The string value of the root object's property <paramref name="name"/>; null when absent, null or not a string.</summary>
    public static string? TopLevelString(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    return null;
                }
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var found = reader.ValueTextEquals(name);
                    reader.Read();
                    if (found)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all (a proxy's error page): nothing to remember.
        }
        return null;
    }
}
