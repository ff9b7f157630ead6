using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.OpenApi;

/// <summary>
/// Makes the generated document say what the API really does, by rules that hold for every operation rather than
/// per endpoint: the statuses the pipeline can answer (authentication, scopes, rate limits, body limits, load
/// shedding, failures), one problem schema for every error, the headers of conditional and idempotent requests, and
/// the limits the validation enforces (<see cref="SchemaLimits"/>). Runs after the endpoints' own metadata, so an
/// endpoint only declares what is particular to it.
/// </summary>
internal sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema.Name] = ProblemSchema.Create();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        FixServers(document);

        var scopes = ScopesByOperation(context);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var shape = new OperationShape(path, method, operation);
                OperationHeaders.Apply(shape, operation);
                ApplyStatuses(document, shape, operation);
                ParameterLimits.Apply(path, operation);
                Describe(operation, scopes.GetValueOrDefault(operation.OperationId ?? ""));
            }
        }
        Changes.ChangeEntryData.Apply(document);
        SchemaLimits.Apply(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The statuses of an operation: what its handler declared, plus what the pipeline in front of every handler can
    /// answer. Every error is a problem of the one shared schema.
    /// </summary>
    private static void ApplyStatuses(OpenApiDocument document, OperationShape shape, OpenApiOperation operation)
    {
        var responses = operation.Responses ??= new OpenApiResponses();
        var statuses = new SortedSet<int> { 401, 403, 429, 500, 503 };
        if (shape.HasQuery || shape.HasJsonBody || shape.AcceptsIdempotencyKey || shape.HasNonIdPathParameter || shape.HasBody)
        {
            statuses.Add(400);
        }
        if (shape.HasIdPathParameter)
        {
            statuses.Add(404);
        }
        if (shape.IsConditionalWrite)
        {
            statuses.Add(409);
            statuses.Add(412);
        }
        if (shape.HasBody)
        {
            statuses.Add(413);
        }
        if (shape.HasJsonBody)
        {
            statuses.Add(415);
        }
        if (shape.AcceptsIdempotencyKey)
        {
            statuses.Add(422);
        }
        foreach (var declared in responses.Keys.Select(int.Parse).Where(s => s >= 400))
        {
            statuses.Add(declared);
        }

        foreach (var status in statuses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ProblemResponse(document, status);
        }
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, int status)
    {
        var response = new OpenApiResponse
        {
            Description = ProblemSchema.Describe(status),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemSchema.MediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema.Name, document) },
            },
        };
        if (status is 429 or 503)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader> { [OperationHeaders.RetryAfter] = OperationHeaders.RetryAfterHeader() };
        }
        return response;
    }

    private static void Describe(OpenApiOperation operation, string? scope)
    {
        if (string.IsNullOrWhiteSpace(operation.Summary))
        {
            throw new InvalidOperationException($"Operation {operation.OperationId} has no summary: give it WithSummary.");
        }
        var needs = scope is null ? "Needs a valid access token." : $"Needs a valid access token with the scope `{scope}`.";
        operation.Description = string.IsNullOrWhiteSpace(operation.Description)
            ? $"{operation.Summary} {needs}"
            : $"{operation.Description} {needs}";
    }

    /// <summary>
    /// The server the document was read from, as clients reach it: over HTTPS (TLS ends at the ingress) and without
    /// the trailing slash the generator leaves.
    /// </summary>
    private static void FixServers(OpenApiDocument document)
    {
        foreach (var server in document.Servers ?? [])
        {
            var url = server.Url?.TrimEnd('/') ?? "";
            server.Url = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "https://" + url["http://".Length..] : url;
            server.Description ??= "The deployment that served this document (local, staging or production alike), behind its HTTPS ingress.";
            server.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            server.Extensions["x-internal"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(false));
        }
    }

    private static Dictionary<string, string> ScopesByOperation(OpenApiDocumentTransformerContext context)
    {
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var policy = metadata.OfType<IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy;
            if (name is not null && policy is not null)
            {
                scopes[name] = policy;
            }
        }
        return scopes;
    }
}
