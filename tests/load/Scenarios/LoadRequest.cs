namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// One request a step built: what to send, as which user, and what to remember from a successful answer (a cursor,
/// a new transaction's id), as a client app would. Every POST gets an <c>Idempotency-Key</c> when it is sent.
/// </summary>
/// <param name="Path">Path and query, e.g. <c>/v1/transactions?accountId=…&amp;limit=50</c>.</param>
/// <param name="Body">UTF-8 JSON, or null.</param>
/// <param name="OnSuccess">Reads a 2xx answer's body into the user's state; runs after the latency is taken.</param>
internal sealed record LoadRequest(
    HttpMethod Method, string Path, LoadUser User, byte[]? Body = null, Action<LoadUser, byte[]>? OnSuccess = null);
