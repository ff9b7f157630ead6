using Microsoft.OpenApi;

namespace BudgetBuddy.Api.OpenApi;

/// <summary>What the contract rules need to know of an operation, read from its generated description.</summary>
internal sealed class OperationShape(string path, HttpMethod method, OpenApiOperation operation)
{
    /// <summary>Path parameters naming a stored resource: an id of the wrong shape, or another user's, is a 404.</summary>
    private static readonly string[] IdParameters = ["{id}", "{categoryId}"];

    public string Path { get; } = path;

    public HttpMethod Method { get; } = method;

    public bool HasIdPathParameter { get; } = IdParameters.Any(p => path.Contains(p, StringComparison.Ordinal));

    public bool HasNonIdPathParameter { get; } = path.Replace("{id}", "", StringComparison.Ordinal)
        .Replace("{categoryId}", "", StringComparison.Ordinal).Contains('{', StringComparison.Ordinal);

    public bool HasQuery { get; } = operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;

    public bool HasBody { get; } = operation.RequestBody?.Content?.Count > 0;

    public bool HasJsonBody { get; } = operation.RequestBody?.Content?.Keys.Any(k => k.Contains("json", StringComparison.Ordinal)) == true;

    /// <summary>
    /// Creates whose answer is never stored for a replay: a webhook's registration answers its signing secret, which
    /// is kept sealed and shown once, so no idempotency record may hold it.
    /// </summary>
    private static readonly string[] CreatesWithoutReplay = ["/v1/webhooks"];

    /// <summary>Creates (a POST to a collection answering 201) take an Idempotency-Key.</summary>
    public bool AcceptsIdempotencyKey { get; } = method == HttpMethod.Post && !path.Contains('{', StringComparison.Ordinal)
        && operation.Responses?.ContainsKey("201") == true && !CreatesWithoutReplay.Contains(path);

    /// <summary>Edits and deletes of one resource take If-Match and can meet a newer version (412) or a busy one (409).</summary>
    public bool IsConditionalWrite { get; } = (method == HttpMethod.Patch || method == HttpMethod.Delete) && path.EndsWith("{id}", StringComparison.Ordinal);

    /// <summary>Progress of work a client follows but never edits (import jobs, erasures): no ETag.</summary>
    private static readonly string[] FollowedOnly = ["/v1/imports/", "/v1/erasures/"];

    /// <summary>Reads and edits of one resource answer its ETag, except what a client only follows.</summary>
    public bool AnswersETag { get; } = (method == HttpMethod.Get || method == HttpMethod.Patch) && path.EndsWith("{id}", StringComparison.Ordinal)
        && !FollowedOnly.Any(p => path.StartsWith(p, StringComparison.Ordinal));
}
