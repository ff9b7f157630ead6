namespace BudgetBuddy.Load.LoadTest;

/// <summary>How one request went.</summary>
/// <param name="SentAt">When it went out, in <see cref="System.Diagnostics.Stopwatch"/> ticks: after it was built, before the first byte left.</param>
/// <param name="Status">The HTTP status (or the API's, for the storage path); 0 when no answer came.</param>
/// <param name="Body">The answer's body: what a client would remember from it.</param>
/// <param name="Failure">Why no answer came, when none did.</param>
internal readonly record struct SentRequest(long SentAt, int Status, byte[] Body, string? Failure);
