using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Json;

/// <summary>
/// An enum on the wire by exactly one member's name (its <see cref="JsonStringEnumMemberNameAttribute"/>). The
/// framework's string-enum converter is laxer in three ways a client should hear about: it takes numbers, it matches
/// names in any case with spaces around them, and it parses names joined by commas into their bitwise OR, which can
/// land on a member ("checking, savings" is savings). Anything else here fails to read, which the problem handler
/// turns into a 400 naming the field. The schema the OpenAPI document shows comes from
/// <see cref="NamedEnumSchemaTransformer"/>, since the framework describes only its own converter.
/// </summary>
internal sealed class NamedEnumConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum> : JsonConverter<TEnum>, INamedEnum
    where TEnum : struct, Enum
{
    private static readonly (TEnum Value, JsonEncodedText Name)[] Members =
    [
        .. Enum.GetValues<TEnum>().Select(value => (value, JsonEncodedText.Encode(WireName(value)))),
    ];

    public IReadOnlyList<string> Names { get; } = [.. Members.Select(m => m.Name.Value)];

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            foreach (var (value, name) in Members)
            {
                if (reader.ValueTextEquals(name.EncodedUtf8Bytes))
                {
                    return value;
                }
            }
        }
        // Without a message the serializer writes its own, with the path: "could not be converted ... Path: $.type".
        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        foreach (var (member, name) in Members)
        {
            if (EqualityComparer<TEnum>.Default.Equals(member, value))
            {
                writer.WriteStringValue(name);
                return;
            }
        }
        throw new JsonException($"{value} is not a member of {typeof(TEnum).Name}.");
    }

    private static string WireName(TEnum value)
    {
        var member = Enum.GetName(value)!;
        return typeof(TEnum).GetField(member)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member;
    }
}
