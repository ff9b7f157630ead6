using BudgetBuddy.Api.Idempotency;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.OpenApi;

/// <summary>The request and response headers of idempotent creates, conditional edits and retries.</summary>
internal static class OperationHeaders
{
    public const string RetryAfter = "Retry-After";

    public static void Apply(OperationShape shape, OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        if (shape.AcceptsIdempotencyKey)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKey.Header,
                In = ParameterLocation.Header,
                Description = "Makes retries safe: the same key with the same body answers the stored 201 (with Idempotent-Replayed: true); "
                    + "with another body, a 422. Kept for 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.MaxLength, Pattern = "^[!-~]+$" },
            });
        }
        if (shape.IsConditionalWrite)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The ETag of the version this change is based on; a newer version answers 412. Left out (or *), the change applies to any version.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100, Pattern = "^(\\*|(W/)?\"[^\"]*\")$" },
            });
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }
            if (status == "201")
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Location"] = new OpenApiHeader
                {
                    Description = "The path of the created resource.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 200 },
                };
                concrete.Headers["ETag"] = ETag();
                concrete.Headers[CreatedResults.ReplayedHeader] = new OpenApiHeader
                {
                    Description = "true when this answer is the stored answer of an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
                };
            }
            else if (status == "202")
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Location"] = new OpenApiHeader
                {
                    Description = "The path of the job to poll for the outcome.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 200 },
                };
                concrete.Headers["Preference-Applied"] = new OpenApiHeader
                {
                    Description = "respond-async when the request asked for a job with Prefer: respond-async.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("respond-async")] },
                };
            }
            else if (status == "200" && shape.AnswersETag)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = ETag();
            }
        }
    }

    public static OpenApiHeader RetryAfterHeader() => new()
    {
        Description = "Seconds to wait before retrying.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "3600" },
    };

    private static OpenApiHeader ETag() => new()
    {
        Description = "The resource's version, to send back in If-Match.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 22, Pattern = "^\"[0-9]+\"$" },
    };
}
