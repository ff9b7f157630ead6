using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>What the API answered one request of the walk, read in full so a failure can show it.</summary>
internal sealed record WalkResponse(int Status, string? MediaType, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>404 as an RFC 9457 problem, the one answer the API gives for an object that is not the caller's.</summary>
    public bool IsNotFoundProblem =>
        Status == 404 && MediaType == "application/problem+json" && ProblemStatus() == 404;

    /// <summary>
    /// The answer with the per-request parts taken out (<c>traceId</c>, and the ids in <paramref name="ids"/> replaced
    /// by one placeholder), so answers for an owned id and a never-issued id can be compared for any difference.
    /// </summary>
    public string Normalised(IEnumerable<string> ids)
    {
        var text = Body;
        if (MediaType?.EndsWith("json", StringComparison.Ordinal) == true && JsonNode.Parse(Body) is JsonObject problem)
        {
            problem.Remove("traceId");
            text = problem.ToJsonString();
        }
        text = ids.Aggregate(text, (current, id) => current.Replace(id, "{id}", StringComparison.Ordinal));
        return $"{Status} {MediaType} {text}";
    }

    public override string ToString() => $"{Status} {MediaType ?? "(no content type)"} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";

    private int? ProblemStatus()
    {
        try
        {
            using var problem = JsonDocument.Parse(Body);
            return problem.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
