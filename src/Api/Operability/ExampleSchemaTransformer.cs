using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.Operability;

/// <summary>Puts each wire type's worked example (see <see cref="OpenApiExamples"/>) on its schema.</summary>
internal sealed class ExampleSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (OpenApiExamples.ByType.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [example.DeepClone()];
        }
        return Task.CompletedTask;
    }
}
