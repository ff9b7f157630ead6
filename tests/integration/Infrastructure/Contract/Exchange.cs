namespace BudgetBuddy.IntegrationTests.Infrastructure.Contract;

/// <summary>One request and its answer, as the client sent and received them.</summary>
public sealed record Exchange(
    string Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestContentType,
    string? RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string? ResponseContentType,
    string ResponseBody)
{
    public override string ToString() => $"{Method} {Uri.PathAndQuery} -> {Status}";
}
