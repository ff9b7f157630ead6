using System.Text;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// A request of the walk, sent the same way by intruders and then by the owner: the owner's current ETag in
/// <c>If-Match</c> on every unsafe method (so a precondition could never be what stops an intruder), and a fresh
/// <c>Idempotency-Key</c> on POST (so no stored answer is replayed instead of running the handler).
/// </summary>
internal sealed record WalkRequest(string Method, string Path, RequestBody? Body, string? IfMatch)
{
    public async Task<WalkResponse> SendAsync(HttpClient client)
    {
        using var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new StringContent(Body.Text, Encoding.UTF8, Body.MediaType);
        }
        if (IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }
        if (Method == "POST")
        {
            message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        using var response = await client.SendAsync(message);
        return new WalkResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public override string ToString() => $"{Method} {Path}";
}
