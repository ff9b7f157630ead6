using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Json;

/// <summary>
/// An enum on the wire by its name only. The default string-enum converter also takes numbers (<c>"type":0</c> would
/// silently mean the first member, <c>-1</c> a member that does not exist); refusing them makes a number a 400 naming
/// the field. The schema the OpenAPI document shows is the base's (its enum of names), which a converter of our own
/// would lose. The base still parses names joined by commas into their bitwise OR: validation refuses the undefined
/// results with <see cref="Enum.IsDefined{TEnum}(TEnum)"/>, but an OR that happens to be a member passes as that member.
/// </summary>
internal sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
