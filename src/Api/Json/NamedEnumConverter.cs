using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Json;

/// <summary>
/// An enum on the wire by its name only. The default string-enum converter also takes numbers (<c>"type":0</c> would
/// silently mean the first member, <c>-1</c> a member that does not exist); refusing them makes a number a 400 naming
/// the field. Names joined by commas still parse into undefined values, so validation checks
/// <see cref="Enum.IsDefined{TEnum}(TEnum)"/> as well. The schema the OpenAPI document shows is the same as the base's.
/// </summary>
internal sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
