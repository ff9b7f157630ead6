using Microsoft.AspNetCore.Http;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>One request the fake API server received, in arrival order, including those it failed on purpose.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The URL path, e.g. <c>/api/v1/namespaces/default/secrets</c>.</param>
/// <param name="Query">The query string with its leading <c>?</c>, or empty.</param>
/// <param name="ContentType">The request's Content-Type, e.g. <c>application/merge-patch+json; charset=utf-8</c>.</param>
/// <param name="UserAgent">The request's User-Agent, which tells apart the clients of one server (as in audit logs).</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string? UserAgent = null)
{
    /// <summary>Whether the request asks to change something (not a get, list or watch).</summary>
    public bool IsWrite => !HttpMethods.IsGet(Method) && !HttpMethods.IsHead(Method);

    /// <summary>Whether the request opened a watch (<c>watch=true</c> or <c>watch=1</c>).</summary>
    public bool IsWatch =>
        Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || Query.Contains("watch=1", StringComparison.Ordinal);
}
