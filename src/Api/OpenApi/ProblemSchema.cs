using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.OpenApi;

/// <summary>
/// The one schema of every 4xx and 5xx answer: RFC 9457 problem details with the members this API really sends.
/// Extra members are refused, so a new member that is not declared here fails the contract test instead of surprising
/// clients.
/// </summary>
internal static class ProblemSchema
{
    public const string Name = "Problem";
    public const string MediaType = "application/problem+json";

    /// <summary>Longest detail the API writes: a sentence, with at most an id or a clipped value in it.</summary>
    private const int MaxTextLength = 1000;

    public static OpenApiSchema Create() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. `errors` names the fields of a request that failed validation; `existingId` is the "
            + "resource a conflicting create duplicates; `limit` and `retryAfter` come with a 429 (and `retryAfter` with a 503); `imported`, `duplicates` and `notImported` with an "
            + "import that stopped part-way (409, 503).",
        Required = new HashSet<string> { "type", "title", "status", "traceId" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem.", "uri-reference"),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong with this request, and what to do about it."),
            ["instance"] = Text("The path of the request.", "uri-reference"),
            ["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = "^[0-9a-f]{32}$|^[0-9A-Za-z:._-]{1,64}$",
                MaxLength = 64,
                Description = "The W3C trace id of the request, to quote when reporting a problem.",
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Per field (a JSON path into the body, or a query parameter or header name), what is wrong with it.",
                MaxProperties = 100,
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = 10,
                    Items = Text("A message about the field."),
                },
            },
            ["existingId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = "^[0-9a-f]{32}$",
                MaxLength = 32,
                Description = "The id of the resource this request duplicates (a stored card, an imported line).",
            },
            ["limit"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create("user"), JsonValue.Create("tenant")],
                Description = "Whose rate limit was reached: the caller's own, or the organisation's plan.",
            },
            ["imported"] = Count("An import that stopped part-way: the lines it committed; sending the file again imports only the rest."),
            ["duplicates"] = Count("An import that stopped part-way: the lines it found imported before."),
            ["notImported"] = Count("An import that stopped part-way: the lines it did not commit."),
            ["consent"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Consents.ConsentPurposes.All.Select(p => (JsonNode)JsonValue.Create(p)!)],
                Description = "A 403 of a write that needs a consent the user has not granted: the purpose to record with PUT /v1/consents.",
            },
            ["retryAfter"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "0",
                Maximum = "3600",
                Description = "Seconds to wait before retrying; the Retry-After header says the same.",
            },
        },
    };

    private static OpenApiSchema Count(string description) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = "0",
        Maximum = "10000000",
        Description = description,
    };

    private static OpenApiSchema Text(string description, string? format = null) => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = MaxTextLength,
        Format = format,
        Description = description,
    };

    /// <summary>The statuses' titles, as the response descriptions of the document.</summary>
    public static string Describe(int status) => status switch
    {
        400 => "The request is malformed or fails validation; `errors` names the fields.",
        401 => "No valid access token: missing, expired, badly signed, or for another issuer or audience.",
        403 => "The token lacks the scope this operation needs, or the tenant is not active.",
        404 => "No such resource among the caller's (another user's or tenant's resource is also a 404).",
        409 => "The request conflicts with the resource's state, or another request is changing it right now.",
        412 => "If-Match named a version that is no longer current: read the resource again and retry with its ETag.",
        413 => "The request body is larger than this API accepts.",
        415 => "The body is not sent as application/json.",
        422 => "The Idempotency-Key was used before with a different request.",
        429 => "Over the caller's or the organisation's rate limit; retry after Retry-After seconds.",
        500 => "The request failed on the server; quote traceId when reporting it.",
        503 => "The server or its data store is busy or unavailable; retry after Retry-After seconds.",
        _ => $"The request failed with status {status}.",
    };
}
