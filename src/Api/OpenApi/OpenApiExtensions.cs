using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Operability;
using Scalar.AspNetCore;

namespace BudgetBuddy.Api.OpenApi;

internal static class OpenApiExtensions
{
    private const string DocumentRoute = "/openapi/{documentName}.json";

    /// <summary>The OpenAPI document generated from the endpoints, held to what they answer (<see cref="ContractDocumentTransformer"/>).</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddSchemaTransformer<NamedEnumSchemaTransformer>();
            o.AddSchemaTransformer<ExampleSchemaTransformer>();
            o.AddDocumentTransformer<ContractDocumentTransformer>();
        });

    /// <summary>The document and its browsable reference, both anonymous.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("BudgetBuddy API").WithOpenApiRoutePattern(DocumentRoute))
            .AllowAnonymous();
        return app;
    }
}
