using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Sends one request a step built, the way a run loads what it measures: over HTTP to the API
/// (<see cref="HttpRequestSender"/>), or as the DynamoDB calls the API would make for it (<c>storage</c>). The models
/// decide when; the runner records what came back.
/// </summary>
internal interface IRequestSender
{
    /// <summary>Sends and waits for the whole answer. A failure to get one is an answer with status 0, not an exception.</summary>
    Task<SentRequest> SendAsync(LoadRequest request, CancellationToken ct);
}
