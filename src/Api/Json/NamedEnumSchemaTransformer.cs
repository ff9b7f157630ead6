using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.Json;

/// <summary>
/// Describes an enum read by <see cref="NamedEnumConverter{TEnum}"/> the way the serializer describes its own
/// string-enum converter, which is all it can describe: an <c>enum</c> of the names, with null among them where the
/// property is nullable (<see cref="OpenApi.SchemaLimits"/> then gives the shared component its type).
/// </summary>
internal sealed class NamedEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        var underlying = Nullable.GetUnderlyingType(info.Type);
        var converter = underlying is null ? info.Converter : info.Options.GetTypeInfo(underlying).Converter;
        if (converter is INamedEnum named)
        {
            var names = named.Names.Select(name => (JsonNode)JsonValue.Create(name));
            // The model types the list as non-null, but a nullable enum's list holds a JSON null, as the serializer's does.
            schema.Enum = underlying is null ? [.. names] : [.. names, null!];
        }
        return Task.CompletedTask;
    }
}
